namespace PocTracker.Dojo.Flood;

/// <summary>
/// Token buckets per connection (configuration section <c>Dojo:Limits</c>): a connection may burst
/// up to the limit, then make <c>PerSecond</c> calls a second. Submissions (operations and whole
/// texts), presence updates and joins/leaves each have their own bucket, so moving a cursor never
/// eats into the budget for typing.
/// </summary>
public sealed class HubCallLimits
{
    public const string SectionName = "Dojo:Limits";

    public int SubmitsPerSecond { get; set; } = 50;

    public int SubmitBurst { get; set; } = 100;

    public int PresencePerSecond { get; set; } = 30;

    public int PresenceBurst { get; set; } = 60;

    public int JoinsPerSecond { get; set; } = 5;

    public int JoinBurst { get; set; } = 20;
}
