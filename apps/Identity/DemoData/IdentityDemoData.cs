using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.DemoData;

/// <summary>
/// The demo organisation and its two people, with a login printed by the README's run command.
/// Ids are fixed and shared with the other apps' demo data (the POCs belong to these accounts).
/// Idempotent: what exists is left alone.
/// </summary>
public static class IdentityDemoData
{
    public const string Slug = "demo";
    public const string TenantName = "PocTracker Demo";
    public const string OwnerEmail = "ana@demo.poctracker.dev";
    public const string MemberEmail = "bruno@demo.poctracker.dev";

    /// <summary>Known on purpose: it is printed for newcomers. Demo data only.</summary>
    public const string Password = "jabuticaba-no-quintal-1987";

    public static async Task<int> SeedAsync(IServiceProvider services, Guid tenantId, Guid ownerId, Guid memberId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(time);
        await using var scope = services.CreateAsyncScope();
        var tenantScope = scope.ServiceProvider.GetRequiredService<TenantScope>();
        tenantScope.Enter(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<TenantAccount>>();
        var now = time.GetUtcNow();
        var created = 0;

        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            db.Tenants.Add(new Tenant { Id = tenantId, Slug = Slug, Name = TenantName, CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var (id, email, name, role) in new[]
                 {
                     (ownerId, OwnerEmail, "Ana Souza", AccountRoles.Owner),
                     (memberId, MemberEmail, "Bruno Lima", AccountRoles.Member),
                 })
        {
            if (await accounts.FindByIdAsync(id.ToString()) is not null)
            {
                continue;
            }

            var result = await accounts.CreateAsync(new TenantAccount
            {
                Id = id, TenantId = tenantId, UserName = TenantAccount.UserNameFor(tenantId, email), Email = email,
                DisplayName = name, Role = role, CreatedAt = now,
            }, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account refused: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            created++;
        }

        return created;
    }
}
