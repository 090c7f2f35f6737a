using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// The web app against the real product (Standalone with the demo data) in a phone-sized Chromium: sign in through the
/// login page as the demo owner, see the POC list, narrow it by name, sign out back at the app's origin.
/// </summary>
public sealed partial class SignInAndSearchTests(RunningProduct product) : ProductInBrowser(product)
{
    private const string Password = "jabuticaba-no-quintal-1987";

    [Fact]
    public async Task The_demo_owner_signs_in_sees_the_pocs_narrows_them_by_name_and_signs_out()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);

        // Signed out, the root welcomes and offers the sign-in.
        await page.GotoAsync("/");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        await Expect(signIn).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "welcome");

        // The identity app's login page takes the password; the app never sees it.
        await signIn.ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("#tenant").FillAsync("demo");
        await page.Locator("#email").FillAsync("ana@demo.poctracker.dev");
        await page.Locator("#password").FillAsync(Password);
        await Screenshots.SaveAsync(page, "login");
        await page.Locator("button[type=submit]").ClickAsync();

        // Back through the callback to the list: the demo's 32 POCs, the first page of cards.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your POCs" })).ToBeVisibleAsync();
        await Expect(page.Locator(".count")).ToHaveTextAsync("32 POCs");
        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        Assert.Equal(new Uri(Standalone.BaseAddress, "/").ToString(), page.Url);
        Assert.True(await page.Locator(".card").CountAsync() >= 20);
        await Screenshots.SaveAsync(page, "pocs-list");

        // Infinite scroll: the end of the list brings the next page.
        await page.Locator(".card").Last.ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".card")).ToHaveCountAsync(32);

        // The search box narrows the list by free text (name, description, tags), accents and case aside.
        await page.GetByRole(AriaRole.Searchbox).FillAsync("programacao");
        await Expect(page.Locator(".count")).Not.ToHaveTextAsync("32 POCs");
        var cards = await page.Locator(".card").AllInnerTextsAsync();
        Assert.NotEmpty(cards);
        Assert.True(cards.Count < 32);
        Assert.All(cards, card => Assert.Contains("programa", Folded(card), StringComparison.Ordinal));
        await Screenshots.SaveAsync(page, "pocs-search");

        // Sign out: identity confirms, then sends the browser back to the app's origin, signed out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/connect/logout"));
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(new Uri(Standalone.BaseAddress, "/").ToString(), page.Url);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('poctracker.tokens')"));
    }
}
