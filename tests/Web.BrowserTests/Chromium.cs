namespace PocTracker.Web.BrowserTests;

/// <summary>
/// How the browser tests and the web benchmark (tests/Web.Benchmarks links this file) start Debian's Chromium and
/// open a phone-sized page: no browser is downloaded, the executable is the machine's (scripts/prerequisites.sh
/// installs it for ./test.sh and ./bench.sh web).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions(float timeout) => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Timeout = timeout,
        // Without the networking flags Chromium keeps dialling out (updates, sync) and being refused.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    /// <summary>A fresh profile on a phone: 390×844 at 2×, touch.</summary>
    public static BrowserNewContextOptions PhoneContext(Uri baseAddress, string locale) => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = locale,
    };
}
