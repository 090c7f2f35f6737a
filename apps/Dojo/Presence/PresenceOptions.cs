namespace PocTracker.Dojo.Presence;

/// <summary>Presence throttling and bounds (configuration section <c>Dojo:Presence</c>).</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Dojo:Presence";

    /// <summary>
    /// At most one <c>Presence</c> broadcast per participant per this many milliseconds; updates in
    /// between are coalesced to the latest, which is sent when the interval ends.
    /// </summary>
    public int IntervalMilliseconds { get; set; } = 75;

    /// <summary>The most selections (multi-cursor) one presence may carry.</summary>
    public int MaxSelections { get; set; } = 32;

    /// <summary>
    /// Across replicas (under Dapr): how often each replica re-announces its participants to the
    /// others. A replica forgets another's participant not heard of for three intervals (that replica
    /// crashed or lost its messages) and tells its connections the participant left.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}
