namespace PocTracker.Web.BrowserTests;

/// <summary>
/// What every browser test class runs against: its own Standalone (its own PostgreSQL in a throwaway data folder, the
/// web app at <c>/</c>) and its own Chromium, so classes run side by side and never see each other's data.
/// </summary>
public abstract class ProductInBrowser : IAsyncLifetime
{
    private readonly string[] arguments;

    /// <param name="arguments">Standalone's command line (<c>--demo</c> for the demo organisation).</param>
    protected ProductInBrowser(params string[] arguments) => this.arguments = arguments;

    /// <summary>Standalone's state: its PostgreSQL, its stored files, what it writes (such as a mail outbox).</summary>
    protected string DataDirectory { get; } = StandaloneProcess.CreateDataDirectory();

    protected StandaloneProcess Standalone { get; private set; } = null!;

    protected Browser Browser { get; private set; } = null!;

    /// <summary>Settings for Standalone's process (double underscores for sections); none unless a class says.</summary>
    protected virtual IReadOnlyDictionary<string, string> StandaloneSettings => new Dictionary<string, string>();

    public virtual async ValueTask InitializeAsync()
    {
        Standalone = StandaloneProcess.Start(DataDirectory, StandaloneSettings, arguments);
        Browser = await Browser.LaunchAsync();
        await Standalone.WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Browser.DisposeAsync();
        await Standalone.DisposeAsync();
        StandaloneProcess.DeleteDataDirectory(DataDirectory);
        await StopStandInsAsync();
    }

    /// <summary>Stops what a class started for Standalone to call (a stand-in for GitHub), once Standalone has stopped.</summary>
    protected virtual ValueTask StopStandInsAsync() => ValueTask.CompletedTask;

    /// <summary>Text as the search compares it: accents and case aside.</summary>
    protected static string Folded(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();
}
