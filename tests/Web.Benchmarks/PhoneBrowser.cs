using PocTracker.Web.BrowserTests;

namespace PocTracker.Web.Benchmarks;

/// <summary>Debian's Chromium, headless, with phone-sized pages (390×844), as the browser tests run it.</summary>
internal sealed class PhoneBrowser : IAsyncDisposable
{
    public const float Timeout = 60_000;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private PhoneBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static async Task<PhoneBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return new PhoneBrowser(playwright, await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(Timeout)));
    }

    /// <summary>A fresh profile (no cache, no service worker, no storage) and its first page.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await browser.NewContextAsync(Chromium.PhoneContext(baseAddress, "en-US"));
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
