using PocTracker.Contracts.Pocs;

namespace PocTracker.Web.Pocs;

/// <summary>
/// What the POC form holds while the person types: the API's writable fields as the inputs bind them. It survives a
/// refused save untouched (nothing typed is lost to an error) and, after a conflict, says which fields the person had
/// changed so they can be put back on the latest version (docs/web.md, "POCs").
/// </summary>
public sealed class PocDraft
{
    // The server's limits (apps/Pocs/Editing/PocWriteRequestValidator.cs, docs/api.md): checked here only because they
    // are cheap and the same; everything else is the server's to say.
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxNotesLength = 50_000;

    /// <summary>The form's fields, by the API's wire name, in the form's order (the first with an error gets the focus).</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["name", "description", "language", "tags", "repositoryUrl", "status", "startedOn", "finishedOn", "notes", "visibility"];

    /// <summary>The fields a GitHub repository can fill, in the form's order.</summary>
    public static readonly IReadOnlyList<string> GitHubFields = ["name", "description", "language", "tags", "repositoryUrl", "startedOn"];

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Language { get; set; } = "";

    public List<string> Tags { get; set; } = [];

    public string RepositoryUrl { get; set; } = "";

    public string Status { get; set; } = "idea";

    public DateOnly? StartedOn { get; set; }

    public DateOnly? FinishedOn { get; set; }

    public string Notes { get; set; } = "";

    public string Visibility { get; set; } = "tenant";

    /// <summary>The form filled with a stored POC (its language as people write it: <c>C#</c>, not the key <c>csharp</c>).</summary>
    public static PocDraft From(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return new PocDraft
        {
            Name = poc.Name,
            Description = poc.Description ?? "",
            Language = poc.LanguageDisplayName ?? poc.Language ?? "",
            Tags = [.. poc.Tags],
            RepositoryUrl = poc.RepositoryUrl ?? "",
            Status = poc.Status,
            StartedOn = poc.StartedOn,
            FinishedOn = poc.FinishedOn,
            Notes = poc.Notes ?? "",
            Visibility = poc.Visibility,
        };
    }

    public PocDraft Copy() => new()
    {
        Name = Name,
        Description = Description,
        Language = Language,
        Tags = [.. Tags],
        RepositoryUrl = RepositoryUrl,
        Status = Status,
        StartedOn = StartedOn,
        FinishedOn = FinishedOn,
        Notes = Notes,
        Visibility = Visibility,
    };

    /// <summary>The body of the create or the full update; empty optional texts are sent as absent.</summary>
    public PocWriteRequest ToRequest() => new()
    {
        Name = Name,
        Description = Optional(Description),
        Language = Optional(Language),
        Tags = [.. Tags],
        RepositoryUrl = Optional(RepositoryUrl),
        Status = Status,
        StartedOn = StartedOn,
        FinishedOn = FinishedOn,
        Notes = Optional(Notes),
        Visibility = Visibility,
    };

    /// <summary>The fields (wire names) whose value here differs from <paramref name="other"/>'s.</summary>
    public IReadOnlyList<string> ChangedFrom(PocDraft other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return [.. Fields.Where(field => ValueOf(field) != other.ValueOf(field))];
    }

    /// <summary>Copies <paramref name="fields"/> from <paramref name="source"/> onto this draft.</summary>
    public void Take(PocDraft source, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            switch (field)
            {
                case "name": Name = source.Name; break;
                case "description": Description = source.Description; break;
                case "language": Language = source.Language; break;
                case "tags": Tags = [.. source.Tags]; break;
                case "repositoryUrl": RepositoryUrl = source.RepositoryUrl; break;
                case "status": Status = source.Status; break;
                case "startedOn": StartedOn = source.StartedOn; break;
                case "finishedOn": FinishedOn = source.FinishedOn; break;
                case "notes": Notes = source.Notes; break;
                case "visibility": Visibility = source.Visibility; break;
                default: throw new ArgumentException($"No field {field} on the form.", nameof(fields));
            }
        }
    }

    /// <summary>A field's value as text, to compare and to show the person what they had typed.</summary>
    public string ValueOf(string field) => field switch
    {
        "name" => Name,
        "description" => Description,
        "language" => Language,
        "tags" => string.Join(", ", Tags),
        "repositoryUrl" => RepositoryUrl,
        "status" => Status,
        "startedOn" => StartedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        "finishedOn" => FinishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        "notes" => Notes,
        "visibility" => Visibility,
        _ => throw new ArgumentException($"No field {field} on the form.", nameof(field)),
    };

    /// <summary>
    /// Fills the fields the person left empty from a GitHub repository (docs/web.md, "From GitHub"): what they typed is
    /// never replaced, so there is nothing to undo. The language is filled in as the product shows it (<c>C#</c>).
    /// </summary>
    /// <returns>The fields filled, and those GitHub has a different value for but the person had typed (kept), by wire name.</returns>
    public FilledFromGitHub FillEmptyFrom(GitHubRepositoryPreview repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var filled = new List<string>();
        var kept = new List<string>();
        var github = new PocDraft
        {
            Name = repository.Name,
            Description = repository.Description ?? "",
            Language = repository.LanguageName ?? repository.Language ?? "",
            Tags = [.. repository.Tags],
            RepositoryUrl = repository.RepositoryUrl,
            StartedOn = repository.StartedOn,
        };
        foreach (var field in GitHubFields)
        {
            var theirs = github.ValueOf(field);
            var mine = ValueOf(field);
            if (theirs.Length == 0 || mine == theirs)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(mine))
            {
                Take(github, [field]);
                filled.Add(field);
            }
            else
            {
                kept.Add(field);
            }
        }

        return new FilledFromGitHub(filled, kept);
    }

    /// <summary>
    /// The checks that are the server's own and cheap to repeat (a name of blanks, the lengths), by field: a subset of
    /// the server's rules, so the client never refuses what the server would take.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Check(Func<string, object[], string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = [text("NameRequired", [])];
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [text("TooLong", [MaxNameLength])];
        }

        if (Description.Length > MaxDescriptionLength)
        {
            errors["description"] = [text("TooLong", [MaxDescriptionLength])];
        }

        if (Notes.Length > MaxNotesLength)
        {
            errors["notes"] = [text("TooLong", [MaxNotesLength])];
        }

        return errors;
    }

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>What <see cref="PocDraft.FillEmptyFrom"/> did: the fields it filled, and the ones the person had typed and kept (wire names).</summary>
public sealed record FilledFromGitHub(IReadOnlyList<string> Filled, IReadOnlyList<string> Kept);
