namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// Real values the fuzz host gathered before the run (tokens, the session, ids of things that exist,
/// a cursor, an invitation), so generated requests also get past authentication and lookups. Fixed
/// before the first request: which value a case draws depends on the seed, not on earlier answers.
/// </summary>
internal sealed record FuzzKnowns(
    LoggedIn Owner,
    LoggedIn Member,
    string AntiforgeryCookie,
    string AntiforgeryToken,
    IReadOnlyList<Guid> Ids,
    IReadOnlyList<string> Cursors,
    IReadOnlyList<string> InvitationTokens,
    IReadOnlyList<string> DownloadTokens)
{
    /// <summary>Secrets in printed requests, replaced by what they are.</summary>
    public IReadOnlyDictionary<string, string> Names => new Dictionary<string, string>
    {
        [Owner.AccessToken] = "<the owner's access token>",
        [Member.AccessToken] = "<the member's access token>",
        [Owner.RefreshToken] = "<the owner's refresh token>",
        [Owner.SessionCookie] = "<the owner's session cookie>",
        [AntiforgeryCookie] = "<an antiforgery cookie>",
        [AntiforgeryToken] = "<its antiforgery form token>",
    };
}
