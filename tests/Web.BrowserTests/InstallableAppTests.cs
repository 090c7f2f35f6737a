using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// The PWA's promises, in Chromium against Standalone: a manifest that makes the app installable (standalone display,
/// its icons served), a service worker that caches the app shell when it installs and never an API answer, and the
/// offline page for a page asked for without a network.
/// </summary>
public sealed class InstallableAppTests(RunningProduct product) : ProductInBrowser(product)
{

    [Fact]
    public async Task The_app_is_installable_caches_its_shell_and_answers_a_page_with_the_offline_page_without_a_network()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // Installable: the page links a manifest with a standalone display, a start URL and icons that are served.
        var manifestPath = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        Assert.NotNull(manifestPath);
        using var manifest = JsonDocument.Parse(await (await page.APIRequest.GetAsync(manifestPath)).TextAsync());
        Assert.Equal("standalone", manifest.RootElement.GetProperty("display").GetString());
        Assert.Equal("/", manifest.RootElement.GetProperty("start_url").GetString());
        var icons = manifest.RootElement.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, icon => icon.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, icon => icon.GetProperty("sizes").GetString() == "512x512");
        foreach (var icon in icons)
        {
            var answer = await page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal(200, answer.Status);
            Assert.Equal(icon.GetProperty("type").GetString(), answer.Headers["content-type"].Split(';')[0]);
        }

        // The worker is active once its install has cached the shell (install must finish before activation).
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(registration => registration.active !== null)"));
        var cached = await page.EvaluateAsync<string[]>("""
            async () => {
              const names = (await caches.keys()).filter(name => name.startsWith('poctracker-shell-'));
              if (names.length !== 1) { return ['caches: ' + names.join(',')]; }
              const cache = await caches.open(names[0]);
              return (await cache.keys()).map(request => new URL(request.url).pathname);
            }
            """);
        Assert.Contains("/offline.html", cached);
        Assert.Contains("/index.html", cached);
        Assert.Contains("/css/app.css", cached);
        Assert.Contains(cached, path => path.StartsWith("/_framework/dotnet.", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(cached, path => path.StartsWith("/_framework/PocTracker.Web.", StringComparison.Ordinal));
        Assert.DoesNotContain(cached, path => path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/connect/", StringComparison.Ordinal));
        Assert.DoesNotContain(cached, path => path.StartsWith("/_content/BlazorMonaco/", StringComparison.Ordinal));

        // No network: a page of the app is answered by the worker with the offline page, in both languages.
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/pocs");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are offline" })).ToBeVisibleAsync();
        await Expect(page.GetByText("O PocTracker precisa de conexão")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "offline");

        // Back online, the same address is the app again (network first: nothing stale is kept for pages).
        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync("/pocs");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_accessibility_check_every_screenshot_passes_refuses_an_unlabelled_input_and_an_image_without_text()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await page.SetContentAsync("""<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1><input type="text"><img src="icons/icon-192.png"></main></body></html>""");

        var refusal = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Accessibility.AssertNoViolationsAsync(page, "bad"));

        Assert.Contains("- label (critical)", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("- image-alt (critical)", refusal.Message, StringComparison.Ordinal);
    }
}
