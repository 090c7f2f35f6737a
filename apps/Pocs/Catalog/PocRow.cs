using PocTracker.Contracts.Pocs;

namespace PocTracker.Pocs.Catalog;

/// <summary>A row of <c>pocs</c> as read by Dapper, and its API shape.</summary>
internal sealed class PocRow
{
    /// <summary>The columns every POC read selects, named for this class.</summary>
    public const string Columns =
        "id, owner_id as OwnerId, name, description, language, tags, repository_url as RepositoryUrl, status, " +
        "started_on as StartedOn, finished_on as FinishedOn, notes, visibility, version, " +
        "created_at as CreatedAt, updated_at as UpdatedAt";

    /// <summary><see cref="Columns"/> of the <c>pocs</c> row called <paramref name="alias"/> in a join.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(column => $"{alias}.{column}"));

    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? Language { get; init; }
    public string[] Tags { get; init; } = [];
    public string? RepositoryUrl { get; init; }
    public string Status { get; init; } = PocStatus.Idea;
    public DateOnly? StartedOn { get; init; }
    public DateOnly? FinishedOn { get; init; }
    public string? Notes { get; init; }
    public string Visibility { get; init; } = PocVisibility.Tenant;
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>Searches only: the value the row was ordered by, as the cursor carries it (see <c>SortKeyText</c>).</summary>
    public string? SortKey { get; set; }

    /// <summary>Searches only: the (capped) number of matches, computed by the page query itself.</summary>
    public int SearchTotal { get; init; }

    /// <summary>Searches only: the match count stopped short of the cap (ranked free text reads a bounded number of candidates).</summary>
    public bool SearchTruncated { get; init; }

    public PocDto ToDto() => new(
        Id, Name, Description, Language, Catalog.Language.DisplayNameOf(Language), Tags, RepositoryUrl, Status,
        StartedOn, FinishedOn, Notes, Visibility, OwnerId, Version,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
}
