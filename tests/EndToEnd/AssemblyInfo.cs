using PocTracker.EndToEnd;

// One product for the whole run (started once when it is Standalone); the test classes run in parallel against it.
[assembly: AssemblyFixture(typeof(ProductUnderTest))]
