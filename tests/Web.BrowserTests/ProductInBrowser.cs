namespace PocTracker.Web.BrowserTests;

/// <summary>
/// What every browser test runs against: the one running product (<see cref="RunningProduct"/>, shared by all tests, so
/// a test that changes data does it in an organisation of its own) and a Chromium of its own.
/// </summary>
public abstract class ProductInBrowser(RunningProduct product) : IAsyncLifetime
{
    protected RunningProduct Product { get; } = product;

    protected StandaloneProcess Standalone => Product.Standalone;

    protected Browser Browser { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Browser.DisposeAsync();
    }

    /// <summary>Text as the search compares it: accents and case aside.</summary>
    protected static string Folded(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();
}
