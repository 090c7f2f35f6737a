using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PocTracker.Web.Benchmarks;

/// <summary>One page load: how long until the page was usable, and what it transferred by then and in all.</summary>
internal sealed record Load(TimeSpan Time, long BytesUntilUsable, int RequestsUntilUsable, long BytesInAll, IReadOnlyList<(string Url, long Bytes)> Largest);

internal sealed record BudgetResults(
    IReadOnlyList<Load> NewcomerLoads,
    IReadOnlyList<Load> ColdSignedInLoads,
    IReadOnlyList<Load> WarmSignedInLoads,
    IReadOnlyList<double> SearchMilliseconds,
    IReadOnlyList<double> ClearMilliseconds,
    IReadOnlyList<double> NextPageMilliseconds);

/// <summary>
/// Drives the web app as a person on a phone would, one step after another (a closed loop: the next step starts only
/// when the previous one has rendered), and times each step in the page itself where it can (performance.now()).
/// </summary>
internal static partial class WebBudget
{
    private const string Password = "jabuticaba-no-quintal-1987";
    private static readonly string[] SearchTerms = ["programacao", "dados", "api", "web", "rust", "blazor", "python", "teste"];

    public static async Task<BudgetResults> MeasureAsync(PhoneBrowser browser, Uri baseAddress, BenchmarkOptions options, TextWriter progress)
    {
        var newcomer = new List<Load>();
        for (var i = 0; i < options.Loads; i++)
        {
            progress.WriteLine($"first visit {i + 1}/{options.Loads}");
            var fresh = await browser.NewPageAsync(baseAddress);
            newcomer.Add(await LoadAsync(fresh, () => fresh.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit }), SignInButton(fresh)));
            await fresh.Context.CloseAsync();
        }

        var page = await browser.NewPageAsync(baseAddress);
        await SignInAsync(page);

        var cold = new List<Load>();
        var warm = new List<Load>();
        var nextPage = new List<double>();
        for (var i = 0; i < options.Loads; i++)
        {
            progress.WriteLine($"signed-in loads {i + 1}/{options.Loads}");
            await ForgetEverythingCachedAsync(page);
            cold.Add(await LoadAsync(page, () => page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit }), FirstCard(page)));
            warm.Add(await LoadAsync(page, () => page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit }), FirstCard(page)));
            nextPage.Add(await NextPageAsync(page));
        }

        var searches = new List<double>();
        var clears = new List<double>();
        for (var i = 0; i < options.Searches; i++)
        {
            if (i % 10 == 0)
            {
                progress.WriteLine($"searches {i + 1}/{options.Searches}");
            }

            searches.Add(await SearchAsync(page, SearchTerms[i % SearchTerms.Length]));
            clears.Add(await SearchAsync(page, ""));
        }

        return new BudgetResults(newcomer, cold, warm, searches, clears, nextPage);
    }

    private static ILocator SignInButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

    private static ILocator FirstCard(IPage page) => page.Locator(".card").First;

    private static async Task<Load> LoadAsync(IPage page, Func<Task> navigate, ILocator usable)
    {
        using var transfers = new Transfers(page);
        var clock = Stopwatch.StartNew();
        await navigate();
        await usable.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var time = clock.Elapsed;
        var untilUsable = await transfers.SoFarAsync();

        // What the page still fetches once it is usable (the service worker filling its cache, icons) counts in all.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var inAll = await transfers.SoFarAsync();
        return new Load(time, untilUsable.Sum(t => t.Bytes), untilUsable.Count, inAll.Sum(t => t.Bytes), [.. inAll.Take(6)]);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        await SignInButton(page).ClickAsync();
        await page.WaitForURLAsync(LoginPage());
        await page.Locator("#tenant").FillAsync("demo");
        await page.Locator("#email").FillAsync("ana@demo.poctracker.dev");
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await FirstCard(page).WaitForAsync(new() { State = WaitForSelectorState.Visible });
    }

    /// <summary>
    /// A first load with the session kept: the HTTP cache, the service worker and every Cache Storage entry (Blazor's
    /// boot resources, the app shell) go; sessionStorage, which holds the tokens, stays with the tab.
    /// </summary>
    private static async Task ForgetEverythingCachedAsync(IPage page)
    {
        await page.EvaluateAsync("""
            async () => {
              for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
              for (const key of await caches.keys()) await caches.delete(key);
            }
            """);
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.clearBrowserCache");
        await devTools.DetachAsync();
    }

    /// <summary>Types a search into the box and times, in the page, the input event to the list's rendered answer.</summary>
    private static Task<double> SearchAsync(IPage page, string term) => page.EvaluateAsync<double>("""
        term => new Promise((resolve, reject) => {
          const input = document.querySelector('input[type=search]');
          const busy = () => document.querySelector('ul.cards')?.getAttribute('aria-busy') === 'true';
          let sawBusy = false;
          const start = performance.now();
          const watch = new MutationObserver(() => {
            if (busy()) { sawBusy = true; return; }
            if (sawBusy) { watch.disconnect(); clearTimeout(limit); resolve(performance.now() - start); }
          });
          const limit = setTimeout(() => { watch.disconnect(); reject(new Error('no answer for "' + term + '"')); }, 30000);
          watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          input.value = term;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        })
        """, term);

    /// <summary>Scrolls to the end of the first page and times, in the page, until the next page's cards are there.</summary>
    private static Task<double> NextPageAsync(IPage page) => page.EvaluateAsync<double>("""
        () => new Promise((resolve, reject) => {
          const count = () => document.querySelectorAll('.card').length;
          const before = count();
          const start = performance.now();
          const watch = new MutationObserver(() => {
            if (count() > before) { watch.disconnect(); clearTimeout(limit); resolve(performance.now() - start); }
          });
          const limit = setTimeout(() => { watch.disconnect(); reject(new Error('no next page after ' + before + ' cards')); }, 30000);
          watch.observe(document.body, { subtree: true, childList: true });
          const cards = document.querySelectorAll('.card');
          cards[cards.length - 1].scrollIntoView();
        })
        """);

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPage();
}
