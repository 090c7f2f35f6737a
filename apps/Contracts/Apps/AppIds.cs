namespace PocTracker.Contracts.Apps;

/// <summary>
/// The app ids: each app's Dapr app id, its access tokens' audience and scope, its database's name, and the
/// <c>{appId}</c> of <c>Invocation:{appId}:BaseAddress</c>. One home, so a call to another app cannot misspell it.
/// </summary>
public static class AppIds
{
    public const string Identity = "identity";
    public const string Pocs = "pocs";
    public const string Reports = "reports";
    public const string Video = "video";
    public const string Dojo = "dojo";

    /// <summary>The gateway: the one origin clients use. No app invokes it (it has no API of its own).</summary>
    public const string Gateway = "gateway";
}
