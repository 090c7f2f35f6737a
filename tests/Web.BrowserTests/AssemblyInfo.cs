// One Standalone for the whole run (RunningProduct); the test classes run side by side against it.
[assembly: AssemblyFixture(typeof(PocTracker.Web.BrowserTests.RunningProduct))]
