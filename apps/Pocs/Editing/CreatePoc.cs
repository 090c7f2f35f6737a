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
        var poc = await database.InTenantTransactionAsync(user, async tx => (await NewPocs.InsertAsync(tx, user, fields, now)).ToDto(), cancellationToken);

        metrics.Written("create");
        response.Headers.ETag = PocETag.Of(poc.Version);
        return TypedResults.Created($"/api/pocs/{poc.Id}", poc);
    }
}
