namespace PocTracker.Pocs.Catalog;

/// <summary>Where a POC stands; the wire and database value is the kebab-case string.</summary>
internal static class PocStatus
{
    public const string Idea = "idea";
    public const string InProgress = "in-progress";
    public const string Done = "done";
    public const string Dropped = "dropped";

    public static readonly IReadOnlyList<string> All = [Idea, InProgress, Done, Dropped];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}

/// <summary>Who may see a POC: its owner and the tenant's admins (<c>private</c>) or everyone in the tenant.</summary>
internal static class PocVisibility
{
    public const string Private = "private";
    public const string Tenant = "tenant";

    public static readonly IReadOnlyList<string> All = [Private, Tenant];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}
