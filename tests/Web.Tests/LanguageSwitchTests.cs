using System.Globalization;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Web.Localisation;
using PocTracker.Web.Shell;

namespace PocTracker.Web.Tests;

public sealed class LanguageSwitchTests : WebTestContext
{
    public LanguageSwitchTests() => Services.AddSingleton<AppCultures>();

    [Fact]
    public void Choosing_portuguese_keeps_the_choice_and_starts_the_app_again_on_the_same_page()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("pocs?name=go");
        var choose = JSInterop.SetupVoid("pocTracker.culture.choose", "pt-BR");
        choose.SetVoidResult();
        var view = Render<LanguageSwitch>();

        Assert.Equal(["en", "pt-BR"], view.FindAll("option").Select(o => o.GetAttribute("value")));
        view.Find("select").Change("pt-BR");

        choose.VerifyInvoke("pocTracker.culture.choose");
        var reload = Assert.Single(navigation.History, entry => entry.Options.ForceLoad);
        Assert.Equal("http://localhost/pocs?name=go", reload.Uri);
        Assert.True(reload.Options.ForceLoad);
    }

    [Theory]
    [InlineData("pt-BR", "pt-BR")]
    [InlineData("pt-PT", "pt-BR")]
    [InlineData("pt", "pt-BR")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE", "en")]
    [InlineData(null, "en")]
    public void The_browser_language_picks_the_nearest_supported_culture(string? browser, string expected)
    {
        Assert.Equal(expected, AppCultures.Supported(browser).Name);
    }

    [Fact]
    public async Task The_app_starts_in_the_preferred_culture_and_sets_the_page_language()
    {
        JSInterop.Setup<string?>("pocTracker.culture.preferred").SetResult("pt-BR");
        var setLanguage = JSInterop.SetupVoid("pocTracker.culture.setDocumentLanguage", "pt-BR");
        setLanguage.SetVoidResult();
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture);
        try
        {
            await Services.GetRequiredService<AppCultures>().ApplyAtStartAsync();

            Assert.Equal("pt-BR", CultureInfo.CurrentUICulture.Name);
            setLanguage.VerifyInvoke("pocTracker.culture.setDocumentLanguage");
            var page = Render<NotFoundPage>();
            Assert.Equal("Página não encontrada", page.Find("h1").TextContent);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture) = before;
        }
    }
}
