using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Microsoft.EntityFrameworkCore;

namespace PocTracker.Identity.Data;

/// <summary>
/// The identity database: tenants, accounts (ASP.NET Core Identity), OpenIddict's applications,
/// authorizations and tokens, and signing keys (the Data Protection key ring is in the same database,
/// read and written by ServiceDefaults' key ring set-up). The schema itself is created by the SQL
/// migrations in <c>Migrations/</c> (DbUp), which also add row-level security; this model only maps
/// to it, with snake_case names.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityUserContext<TenantAccount, Guid>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ResetLink> ResetLinks => Set<ResetLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();

        builder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasIndex(t => t.Slug).IsUnique();
            tenant.Property(t => t.Slug).HasMaxLength(40);
            tenant.Property(t => t.Name).HasMaxLength(100);
        });
        builder.Entity<TenantAccount>(account =>
        {
            account.ToTable("accounts");
            account.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId);
            account.Property(a => a.DisplayName).HasMaxLength(100);
            account.Property(a => a.Role).HasMaxLength(20);
            // Identity's default of 256 is too short for "{tenantId:N}/{e-mail}" (migration 0006).
            account.Property(a => a.UserName).HasMaxLength(TenantAccount.MaxUserNameLength);
            account.Property(a => a.NormalizedUserName).HasMaxLength(TenantAccount.MaxUserNameLength);
        });
        builder.Entity<SigningKeyRecord>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.KeyId);
        });
        builder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(a => new { a.TenantId, a.Id });
        });
        builder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasKey(i => new { i.TenantId, i.Id });
        });
        builder.Entity<ResetLink>(link =>
        {
            link.ToTable("reset_links");
            link.HasKey(l => new { l.TenantId, l.Id });
        });

        // The libraries' own tables, in the database's snake_case.
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("oidc_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("oidc_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("oidc_tokens");
    }
}
