using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Editing;

internal static class CreatePoc
{
    public static void MapCreatePoc(this IEndpointRouteBuilder api) => api
        .MapPost("/", HandleAsync)
        .WithName("CreatePoc")
        .WithSummary("Register a POC")
        .WithDescription("Creates a POC owned by the caller. Answers 201 with its Location and ETag.");

    private static async Task<Results<Created<PocDto>, ValidationProblem>> HandleAsync(
        PocWriteRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        PocsMetrics metrics,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var validation = await new PocWriteRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Validation(validation);
        }

        var fields = PocFields.From(request);
        var now = time.GetUtcNow();
        var poc = await database.InTenantTransactionAsync(user, async tx => (await InsertAsync(tx, user, fields, now)).ToDto(), cancellationToken);

        metrics.Written("create");
        response.Headers.ETag = PocETag.Of(poc.Version);
        return TypedResults.Created($"/api/pocs/{poc.Id}", poc);
    }

    /// <summary>Inserts one POC owned by the caller and queues its event for after the commit (also used by the CSV import).</summary>
    internal static async Task<PocRow> InsertAsync(TenantTransaction tx, TenantUser user, PocFields fields, DateTimeOffset now)
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
