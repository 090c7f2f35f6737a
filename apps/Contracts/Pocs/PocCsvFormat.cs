namespace PocTracker.Contracts.Pocs;

/// <summary>
/// The CSV form of POCs that the reports app writes and the pocs app imports: these columns, in
/// this order, with a header row; tags joined with <see cref="TagSeparator"/> inside their cell;
/// dates as <c>yyyy-MM-dd</c> and times as ISO 8601 UTC. Cells a spreadsheet would run as a
/// formula carry a leading apostrophe (<see cref="FormulaEscape"/>), which the import removes.
/// </summary>
public static class PocCsvFormat
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "description", "language", "tags", "status", "visibility",
        "startedOn", "finishedOn", "repositoryUrl", "notes", "ownerId", "createdAt", "updatedAt",
    ];

    /// <summary>Columns the import reads; the others describe the exported POC and are ignored (an import creates new POCs, owned by the importer).</summary>
    public static readonly IReadOnlyList<string> ImportedColumns =
    [
        "name", "description", "language", "tags", "status", "visibility", "startedOn", "finishedOn", "repositoryUrl", "notes",
    ];

    /// <summary>Between tags in their cell: tags are kebab-case, so it never occurs inside one.</summary>
    public const char TagSeparator = ';';

    /// <summary>The characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).</summary>
    public const string FormulaStarts = "=+-@\t\r";

    /// <summary>What is put in front of such a cell.</summary>
    public const char FormulaEscape = '\'';

    /// <summary>Takes off the apostrophe the export put in front of a formula-like cell.</summary>
    public static string Unescape(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length >= 2 && cell[0] == FormulaEscape && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;
    }
}
