namespace PocTracker.Contracts.Pocs;

/// <summary>What an import (<c>POST /api/pocs/import</c>) did: the POCs it created and, per refused row, why.</summary>
/// <param name="Created">How many POCs were created.</param>
/// <param name="Refused">How many rows were refused.</param>
/// <param name="CreatedIds">The created POCs' ids, in the file's order.</param>
/// <param name="Errors">The refused rows.</param>
public sealed record PocImportResult(int Created, int Refused, IReadOnlyList<Guid> CreatedIds, IReadOnlyList<PocImportRowError> Errors);

/// <summary>A refused row: its line in the file (the header is line 1) and its field errors (wire names, as in a <c>validation-failed</c> problem).</summary>
public sealed record PocImportRowError(long Line, IDictionary<string, string[]> Errors);
