using PocTracker.Contracts.Pocs;

namespace PocTracker.Sdk.Problems;

/// <summary>
/// An RFC 9457 problem document as the PocTracker apps write it (docs/problems.md): a stable <see cref="Type"/>
/// and its short <see cref="Code"/> to switch on, never <see cref="Title"/> or <see cref="Detail"/> text.
/// </summary>
public sealed record PocTrackerProblem
{
    /// <summary>The stable type URI, e.g. <c>https://poctracker.dev/problems/validation-failed</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The type's last segment, e.g. <c>validation-failed</c>.</summary>
    public string? Code { get; init; }

    /// <summary>A short, human summary of the type.</summary>
    public string? Title { get; init; }

    /// <summary>The status code the server answered with.</summary>
    public int? Status { get; init; }

    /// <summary>What went wrong this time, for a person.</summary>
    public string? Detail { get; init; }

    /// <summary>The request this problem is about, when the server names it.</summary>
    public string? Instance { get; init; }

    /// <summary>The trace id to quote to an operator.</summary>
    public string? TraceId { get; init; }

    /// <summary>Field errors of a <c>validation-failed</c> problem: each field (its wire name) with its messages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors { get; init; }

    /// <summary>The line (a spreadsheet's numbering, header = 1) of a refused file's first bad bytes (a CSV import's <c>validation-failed</c>).</summary>
    public long? Line { get; init; }

    /// <summary>The POC a conflict is about (<c>github-repository-registered</c>: the tenant's POC of that repository).</summary>
    public Guid? PocId { get; init; }

    /// <summary>Where that POC is read (<c>/api/pocs/{id}</c>), with <see cref="PocId"/>.</summary>
    public string? Location { get; init; }

    /// <summary>Every row of a CSV import that refused them all (<c>import-rows-refused</c>), each with its line and field errors.</summary>
    public IReadOnlyList<PocImportRowError>? Rows { get; init; }
}
