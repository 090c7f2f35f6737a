using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.CodeNotes;

/// <summary>
/// Code notes, a sub-resource of a POC: <c>/api/pocs/{id}/code-notes</c>. Whoever may change the POC
/// (its owner, a tenant admin) may add one; whoever may see the POC may read them. A POC the caller
/// cannot see is 404 here too. Notes are kept as written (no edits) and go when their POC goes.
/// </summary>
internal static class CodeNotesApi
{
    private const string Columns =
        "id, poc_id as PocId, title, language, content, char_length(content) as Length, source, created_by as CreatedBy, created_at as CreatedAt";

    private const string SummaryColumns =
        "id, poc_id as PocId, title, language, null as content, char_length(content) as Length, source, created_by as CreatedBy, created_at as CreatedAt";

    public static void MapCodeNotes(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{id:guid}/code-notes", AddAsync)
            .WithName("AddCodeNote")
            .WithSummary("Add a code note to a POC")
            .WithDescription("Keeps a snippet of code on the POC (e.g. a dojo room's document). Only who may change the POC may add one: 403 otherwise, 404 when the POC is not visible. 201 with the note.");
        api.MapGet("/{id:guid}/code-notes", ListAsync)
            .WithName("ListCodeNotes")
            .WithSummary("List a POC's code notes")
            .WithDescription("The POC's code notes, newest first (at most 200), without their content.");
        api.MapGet("/{id:guid}/code-notes/{noteId:guid}", GetAsync)
            .WithName("GetCodeNote")
            .WithSummary("Read a code note")
            .WithDescription("One code note with its content; 404 when it or its POC is not visible.");
    }

    private static async Task<Results<Created<CodeNoteDto>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id,
        CodeNoteRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        PocsMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = await new CodeNoteRequestValidator().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Validation(validation);
        }

        var now = time.GetUtcNow();
        var outcome = await database.InTenantTransactionAsync<Results<Created<CodeNoteDto>, ValidationProblem, ProblemHttpResult>>(user, async tx =>
        {
            // The POC's row lock also orders a note after a concurrent delete: no note on a deleted POC.
            var locked = await PocWriteLock.AcquireAsync(tx, id);
            if (!locked.Acquired)
            {
                return locked.Refusal;
            }

            var note = (await tx.Connection.QuerySingleAsync<CodeNoteRow>(tx.Command(
                $"""
                insert into poc_code_notes (tenant_id, id, poc_id, title, language, content, source, created_by, created_at)
                values (@TenantId, @Id, @PocId, @Title, @Language, @Content, @Source, @CreatedBy, @Now)
                returning {Columns}
                """,
                new
                {
                    user.TenantId, Id = Guid.CreateVersion7(now), PocId = id, Title = request.Title!.Trim(),
                    Language = string.IsNullOrWhiteSpace(request.Language) ? null : request.Language.Trim(),
                    request.Content, Source = string.IsNullOrWhiteSpace(request.Source) ? null : request.Source.Trim(),
                    CreatedBy = user.UserId, Now = now,
                }))).ToDto();
            return TypedResults.Created($"/api/pocs/{id}/code-notes/{note.Id}", note);
        }, cancellationToken);

        if (outcome.Result is Created<CodeNoteDto>)
        {
            metrics.Written("code-note");
        }

        return outcome;
    }

    private static async Task<Results<Ok<IReadOnlyList<CodeNoteDto>>, ProblemHttpResult>> ListAsync(
        Guid id,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        var notes = await database.InTenantTransactionAsync(user, async tx =>
        {
            if (!await VisibleAsync(tx, user, id))
            {
                return null;
            }

            var rows = await tx.Connection.QueryAsync<CodeNoteRow>(tx.Command(
                $"""
                select {SummaryColumns} from poc_code_notes
                where tenant_id = @TenantId and poc_id = @PocId order by created_at desc, id desc limit 200
                """, new { user.TenantId, PocId = id }));
            return (IReadOnlyList<CodeNoteDto>)[.. rows.Select(r => r.ToDto())];
        }, cancellationToken);
        return notes is null ? Problems.NotFound($"There is no POC {id}.") : TypedResults.Ok(notes);
    }

    private static async Task<Results<Ok<CodeNoteDto>, ProblemHttpResult>> GetAsync(
        Guid id,
        Guid noteId,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        var note = await database.InTenantTransactionAsync(user, async tx =>
            await VisibleAsync(tx, user, id)
                ? (await tx.Connection.QuerySingleOrDefaultAsync<CodeNoteRow>(tx.Command(
                    $"select {Columns} from poc_code_notes where tenant_id = @TenantId and poc_id = @PocId and id = @NoteId",
                    new { user.TenantId, PocId = id, NoteId = noteId })))?.ToDto()
                : null, cancellationToken);
        return note is null ? Problems.NotFound($"There is no code note {noteId} on POC {id}.") : TypedResults.Ok(note);
    }

    private static Task<bool> VisibleAsync(TenantTransaction tx, TenantUser user, Guid id) =>
        tx.Connection.ExecuteScalarAsync<bool>(tx.Command(
            $"select exists (select 1 from pocs where id = @Id and {PocAccess.VisibleSql})",
            new DynamicParameters(PocAccess.Parameters(user)).With("Id", id)));

    /// <summary>A row as Dapper reads it (timestamps come back as UTC <see cref="DateTime"/>s).</summary>
    private sealed class CodeNoteRow
    {
        public Guid Id { get; init; }
        public Guid PocId { get; init; }
        public string Title { get; init; } = "";
        public string? Language { get; init; }
        public string? Content { get; init; }
        public int Length { get; init; }
        public string? Source { get; init; }
        public Guid CreatedBy { get; init; }
        public DateTime CreatedAt { get; init; }

        public CodeNoteDto ToDto() =>
            new(Id, PocId, Title, Language, Content, Length, Source, CreatedBy, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
