using Dapper;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Editing;

/// <summary>
/// A new POC, however it arrives: the API's create (<see cref="CreatePoc"/>) and each row of a CSV import
/// (<c>Import/ImportPocs</c>) insert it the same way, with the same event.
/// </summary>
internal static class NewPocs
{
    /// <summary>Inserts one POC owned by the caller and queues its event for after the commit.</summary>
    public static async Task<PocRow> InsertAsync(TenantTransaction tx, TenantUser user, PocFields fields, DateTimeOffset now)
    {
        var row = await tx.Connection.QuerySingleAsync<PocRow>(tx.Command(
            $"""
            insert into pocs (tenant_id, id, owner_id, name, description, language, tags, repository_url, status,
                              started_on, finished_on, notes, visibility, version, created_at, updated_at)
            values (@TenantId, @Id, @OwnerId, @Name, @Description, @Language, @Tags, @RepositoryUrl, @Status,
                    @StartedOn, @FinishedOn, @Notes, @Visibility, 1, @Now, @Now)
            returning {PocRow.Columns}
            """,
            new
            {
                user.TenantId, Id = Guid.CreateVersion7(now), OwnerId = user.UserId,
                fields.Name, fields.Description, fields.Language, fields.Tags, fields.RepositoryUrl, fields.Status,
                fields.StartedOn, fields.FinishedOn, fields.Notes, fields.Visibility, Now = now,
            }));
        await tx.PublishAfterCommitAsync(new PocCreatedIntegrationEvent(row.Id, row.OwnerId, row.Name, row.Language, row.Tags, row.Status));
        return row;
    }
}
