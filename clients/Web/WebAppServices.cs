namespace PocTracker.Web;

/// <summary>Everything the web app registers, in one place, so the tests compose the same services as the browser.</summary>
public static class WebAppServices
{
    public static IServiceCollection AddWebApp(this IServiceCollection services, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return services;
    }
}
