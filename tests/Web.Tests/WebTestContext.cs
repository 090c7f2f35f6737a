using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.Web.Tests;

/// <summary>A bUnit context with the app's localisation (its .resx files, English unless a test sets the culture).</summary>
public abstract class WebTestContext : BunitContext
{
    protected WebTestContext()
    {
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
