namespace PocTracker.Identity.Data;

/// <summary>A customer: a company, a school or a solo developer, with its own isolated accounts.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>Lower-case, URL-safe, unique; what people type at login.</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
