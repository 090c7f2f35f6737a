namespace PocTracker.Web.BrowserTests;

/// <summary>Pages as the tests saw them, written to docs/screenshots/ (committed; the README links them).</summary>
public static class Screenshots
{
    public static Task SaveAsync(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(StandaloneProcess.RepositoryRoot(), "docs", "screenshots", name + ".png"),
        Animations = ScreenshotAnimations.Disabled,
    });
}
