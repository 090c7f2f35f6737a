namespace PocTracker.Contracts.Pocs;

/// <summary>The body of <c>POST /api/pocs/{id}/code-notes</c>: a snippet of code to keep on the POC.</summary>
/// <param name="Title">1–200 characters.</param>
/// <param name="Language">For highlighting (e.g. <c>csharp</c>); optional, up to 40 characters.</param>
/// <param name="Content">The code, up to 1,048,576 characters (UTF-16 code units); may be empty.</param>
/// <param name="Source">Where it came from, e.g. <c>dojo:rooms/{roomId}@{revision}</c>; optional, up to 500 characters.</param>
public sealed record CodeNoteRequest(string? Title, string? Language, string? Content, string? Source = null);

/// <summary>A code note as the API returns it.</summary>
/// <param name="Id">The note's id.</param>
/// <param name="PocId">The POC it belongs to.</param>
/// <param name="Title">Its title.</param>
/// <param name="Language">Its language, if given.</param>
/// <param name="Content">The code; null in lists (read one note for it).</param>
/// <param name="Length">The content's length in characters (Unicode code points).</param>
/// <param name="Source">Where it came from, if given.</param>
/// <param name="CreatedBy">Who added it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record CodeNoteDto(Guid Id, Guid PocId, string Title, string? Language, string? Content, int Length, string? Source, Guid CreatedBy, DateTimeOffset CreatedAt);
