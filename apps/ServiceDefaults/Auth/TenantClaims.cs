namespace PocTracker.ServiceDefaults.Auth;

/// <summary>The claim names PocTracker access tokens carry (RFC 9068 plus our tenant claim).</summary>
public static class TenantClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";

    /// <summary>The tenant's display name, for what an app shows (not for decisions: the id is the tenant).</summary>
    public const string TenantName = "tenant_name";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>Roles as the identity app issues them.</summary>
    public static class Roles
    {
        public const string Owner = "owner";
        public const string Admin = "admin";
        public const string Member = "member";
    }
}
