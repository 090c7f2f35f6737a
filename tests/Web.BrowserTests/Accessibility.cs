using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// axe-core (Deque's engine, run in the page) over a page as the test sees it: every WCAG 2.0/2.1 level A and AA rule
/// it can decide on its own — names and labels, contrast, landmarks, headings, ARIA, the document's language.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Fails with every violation found on <paramref name="page"/> (rule, impact, element, what to fix).</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe(WcagAA);
        var violations = result.Violations
            .SelectMany(rule => rule.Nodes.Select(node => $"- {rule.Id} ({rule.Impact}): {rule.Help}\n  at {node.Target}: {node.Html}\n  {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message))}"))
            .ToList();
        Assert.True(violations.Count == 0, $"Accessibility violations on '{name}' ({page.Url}):\n{string.Join('\n', violations)}");
    }
}
