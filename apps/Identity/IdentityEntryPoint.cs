namespace PocTracker.Identity;

/// <summary>Names the identity app's assembly for hosts and tests (<c>WebApplicationFactory&lt;IdentityEntryPoint&gt;</c>).</summary>
public sealed class IdentityEntryPoint
{
    private IdentityEntryPoint()
    {
    }
}
