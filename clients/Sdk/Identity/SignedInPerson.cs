using System.Text.Json.Serialization;

namespace PocTracker.Sdk.Identity;

/// <summary>Who the access token speaks for: the OpenID Connect userinfo of the signed-in person.</summary>
public sealed record SignedInPerson
{
    /// <summary>The account's id (the token's <c>sub</c>; what POCs name as their owner).</summary>
    [JsonPropertyName("sub")]
    public required string Subject { get; init; }

    /// <summary>The organisation (tenant) the account belongs to.</summary>
    [JsonPropertyName("tenant_id")]
    public required string TenantId { get; init; }

    /// <summary><c>owner</c>, <c>admin</c> or <c>member</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The person's display name (with the <c>profile</c> scope).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The organisation's name, for display (with the <c>profile</c> scope).</summary>
    [JsonPropertyName("tenant_name")]
    public string? TenantName { get; init; }

    /// <summary>The account's e-mail address (with the <c>email</c> scope).</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The account's id as a <see cref="Guid"/>.</summary>
    [JsonIgnore]
    public Guid AccountId => Guid.Parse(Subject);
}
