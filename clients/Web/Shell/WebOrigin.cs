namespace PocTracker.Web.Shell;

/// <summary>The page's origin (<c>https://host/</c>): the APIs, the login page and the app are all served from it.</summary>
public sealed record WebOrigin(Uri Address);
