using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Video.Jobs;

/// <summary>
/// The year video workflow's input: everything the request knew, fixed when it was asked for (so a
/// resumed job tells the same period in the same words).
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">The viewer.</param>
/// <param name="VideoId">The video (and job) id.</param>
/// <param name="ViewerName">The viewer's display name, for the title.</param>
/// <param name="Culture"><c>pt-BR</c> or <c>en</c>.</param>
/// <param name="Format"><c>landscape</c> or <c>vertical</c>.</param>
/// <param name="PeriodStart">First day of the twelve months.</param>
/// <param name="PeriodEnd">Last day (the day it was asked for).</param>
/// <param name="TimeZone">The viewer's IANA time zone, in which the period's days were reckoned.</param>
/// <param name="ProtectedAccessToken">
/// The viewer's access token, encrypted with Data Protection (the job's input is stored): the collect
/// activity reads the POCs with it, as the viewer. Access tokens live minutes, so a job resumed much
/// later fails with a reason instead of reading with a stale grant.
/// </param>
public sealed record YearVideoJob(
    Guid TenantId, Guid UserId, Guid VideoId, string ViewerName, string Culture, string Format,
    DateOnly PeriodStart, DateOnly PeriodEnd, string TimeZone, string ProtectedAccessToken)
{
    /// <summary>The viewer, for tenant transactions (no roles: jobs only touch the viewer's own rows).</summary>
    public TenantUser User => new(TenantId, UserId, new HashSet<string>());
}
