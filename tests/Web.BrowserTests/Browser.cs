namespace PocTracker.Web.BrowserTests;

/// <summary>
/// Debian's Chromium through Playwright, headless, at a phone's size (390×844), started as <see cref="Chromium"/> says;
/// what a page logs goes to the test's output.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    /// <summary>Generous for a machine whose two cores also run the other test projects, and still bounded.</summary>
    public const float Timeout = 45_000;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(Timeout));
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh profile on a phone: 390×844, touch, English unless told.</summary>
    public async Task<IPage> NewPhonePageAsync(Uri baseAddress, string locale = "en-US")
    {
        var context = await browser.NewContextAsync(Chromium.PhoneContext(baseAddress, locale));
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        // What the page reports goes to the test's output: a failing step then shows the app's own error.
        page.Console += (_, message) => TestContext.Current.SendDiagnosticMessage($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => TestContext.Current.SendDiagnosticMessage($"[page error] {error}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
