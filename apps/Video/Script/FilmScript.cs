namespace PocTracker.Video.Script;

/// <summary>The words of a film: one entry per scene, in order.</summary>
/// <param name="Culture"><c>pt-BR</c> or <c>en</c>.</param>
/// <param name="Source"><c>template</c> or <c>ai</c>: where the words came from.</param>
/// <param name="Scenes">The scenes' captions (also what is spoken).</param>
public sealed record FilmScript(string Culture, string Source, IReadOnlyList<ScriptScene> Scenes);

/// <summary>One scene's words.</summary>
/// <param name="Kind">What the scene shows: <c>title</c>, <c>numbers</c>, <c>poc</c>, <c>summary</c>, <c>empty</c> (no POCs in the period), <c>closing</c>.</param>
/// <param name="Caption">The caption shown and spoken.</param>
/// <param name="PocId">For a <c>poc</c> scene, the POC its card shows.</param>
public sealed record ScriptScene(string Kind, string Caption, Guid? PocId = null);
