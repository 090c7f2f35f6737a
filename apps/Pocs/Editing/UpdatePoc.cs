using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Editing;

internal static class UpdatePoc
{
    public static void MapUpdatePoc(this IEndpointRouteBuilder api) => api
        .MapPut("/{id:guid}", HandleAsync)
        .WithName("UpdatePoc")
        .WithSummary("Replace a POC")
        .WithDescription("Full update. Requires If-Match with the ETag you read: a stale one gets 412, none gets 428.");

    private static async Task<Results<Ok<PocDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id,
        PocWriteRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        PocsMetrics metrics,
        TimeProvider time,
        HttpRequest httpRequest,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var validation = await new PocWriteRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Validation(validation);
        }

        var ifMatch = httpRequest.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return Problems.PreconditionRequired("Send If-Match with the ETag of the POC you read, so a concurrent change is not overwritten.");
        }

        var fields = PocFields.From(request);
        var outcome = await database.InTenantTransactionAsync<Results<Ok<PocDto>, ValidationProblem, ProblemHttpResult>>(user, async tx =>
        {
            var locked = await PocWriteLock.AcquireAsync(tx, id);
            if (!locked.Acquired)
            {
                return locked.Refusal;
            }

            var current = locked.Current;
            if (!PocETag.Matches(ifMatch, current.Version))
            {
                return Problems.PreconditionFailed($"The POC is at version {current.Version}; read it again and reapply your change.");
            }

            var row = await tx.Connection.QuerySingleAsync<PocRow>(tx.Command(
                $"""
                update pocs set name = @Name, description = @Description, language = @Language, tags = @Tags,
                       repository_url = @RepositoryUrl, status = @Status, started_on = @StartedOn, finished_on = @FinishedOn,
                       notes = @Notes, visibility = @Visibility, version = version + 1, updated_at = @Now
                where tenant_id = @TenantId and id = @Id
                returning {PocRow.Columns}
                """,
                new
                {
                    user.TenantId, Id = id, fields.Name, fields.Description, fields.Language, fields.Tags, fields.RepositoryUrl,
                    fields.Status, fields.StartedOn, fields.FinishedOn, fields.Notes, fields.Visibility, Now = time.GetUtcNow(),
                }));
            await tx.PublishAfterCommitAsync(new PocUpdatedIntegrationEvent(row.Id, row.OwnerId, row.Name, row.Language, row.Tags, row.Status, row.Version));
            return TypedResults.Ok(row.ToDto());
        }, cancellationToken);

        if (outcome.Result is Ok<PocDto> { Value: { } updated })
        {
            metrics.Written("update");
            response.Headers.ETag = PocETag.Of(updated.Version);
        }

        return outcome;
    }
}
