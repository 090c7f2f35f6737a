// The app's culture is process-wide state (AppCultures sets CultureInfo.DefaultThreadCurrent(UI)Culture, as the browser
// app does at start): a test switching to pt-BR would change the language of whatever test runs beside it. The suite is
// a few seconds long, so its tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
