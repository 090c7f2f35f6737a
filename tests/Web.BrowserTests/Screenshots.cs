namespace PocTracker.Web.BrowserTests;

/// <summary>
/// Pages as the tests saw them, written to docs/screenshots/ (committed; the README links them). Every page shown there
/// is first checked for WCAG A/AA violations (<see cref="Accessibility"/>): what the docs show is what passed.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        await Accessibility.AssertNoViolationsAsync(page, name);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(StandaloneProcess.RepositoryRoot(), "docs", "screenshots", name + ".png"),
            Animations = ScreenshotAnimations.Disabled,
        });
    }
}
