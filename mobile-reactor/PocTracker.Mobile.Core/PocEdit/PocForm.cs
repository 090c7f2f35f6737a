using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Mobile.Core.PocEdit;

/// <summary>
/// What the POC form holds while the person types, as an immutable value (the web's <c>PocDraft</c>): the API's
/// writable fields. <see cref="Check"/> repeats the server's cheap rules (apps/Pocs/Editing/PocWriteRequestValidator.cs)
/// so an offline save is not queued only to be refused later; it never refuses what the server takes.
/// </summary>
public sealed partial record PocForm(
    string Name = "",
    string Description = "",
    string Language = "",
    IReadOnlyList<string>? Tags = null,
    string RepositoryUrl = "",
    string Status = "idea",
    DateOnly? StartedOn = null,
    DateOnly? FinishedOn = null,
    string Notes = "",
    string Visibility = "tenant")
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxNotesLength = 50_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    /// <summary>The form's fields by wire name, in the form's order.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["name", "description", "language", "tags", "repositoryUrl", "status", "startedOn", "finishedOn", "notes", "visibility"];

    /// <summary>The fields a GitHub repository fills, in the form's order.</summary>
    public static readonly IReadOnlyList<string> GitHubFields = ["name", "description", "language", "tags", "repositoryUrl", "startedOn"];

    /// <summary>The tags as the server will store them (lower-case kebab-case, no duplicates): shown under the field while typing.</summary>
    public IReadOnlyList<string> NormalizedTags => [.. (Tags ?? []).Select(NormalizeTag).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];

    public static PocForm From(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return new PocForm(poc.Name, poc.Description ?? "", poc.LanguageDisplayName ?? poc.Language ?? "", [.. poc.Tags], poc.RepositoryUrl ?? "",
            poc.Status, poc.StartedOn, poc.FinishedOn, poc.Notes ?? "", poc.Visibility);
    }

    public static PocForm From(PocWriteRequest poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        return new PocForm(poc.Name ?? "", poc.Description ?? "", poc.Language ?? "", [.. poc.Tags ?? []], poc.RepositoryUrl ?? "",
            poc.Status ?? "idea", poc.StartedOn, poc.FinishedOn, poc.Notes ?? "", poc.Visibility ?? "tenant");
    }

    /// <summary>The body of the create or the full update; empty optional texts are sent as absent.</summary>
    public PocWriteRequest ToRequest() => new()
    {
        Name = Name.Trim(),
        Description = Optional(Description),
        Language = Optional(Language),
        Tags = NormalizedTags,
        RepositoryUrl = Optional(RepositoryUrl),
        Status = Status,
        StartedOn = StartedOn,
        FinishedOn = FinishedOn,
        Notes = Optional(Notes),
        Visibility = Visibility,
    };

    /// <summary>
    /// The local checks, as text keys by field (the view translates them). <paramref name="knownPocs"/> are the POCs
    /// cached on the device, given for an offline save only: a name one of them already has (other than
    /// <paramref name="self"/>) is refused then (the server itself allows it).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Check(IEnumerable<PocDto> knownPocs, Guid? self)
    {
        ArgumentNullException.ThrowIfNull(knownPocs);
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var name = Name.Trim();
        if (name.Length == 0)
        {
            errors["name"] = [PocEditText.NameRequired];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [PocEditText.NameTooLong];
        }
        else if (knownPocs.Any(p => p.Id != self && string.Equals(p.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = [PocEditText.NameAlreadyUsed];
        }

        if (Description.Length > MaxDescriptionLength)
        {
            errors["description"] = [PocEditText.DescriptionTooLong];
        }

        if (Notes.Length > MaxNotesLength)
        {
            errors["notes"] = [PocEditText.NotesTooLong];
        }

        var tags = NormalizedTags;
        if (tags.Count > MaxTags)
        {
            errors["tags"] = [PocEditText.TooManyTags];
        }
        else if (tags.Any(t => t.Length > MaxTagLength))
        {
            errors["tags"] = [PocEditText.TagTooLong];
        }

        if (!string.IsNullOrWhiteSpace(RepositoryUrl) && !GitHubRepository().IsMatch(RepositoryUrl.Trim()))
        {
            errors["repositoryUrl"] = [PocEditText.GitHubOnly];
        }

        if (StartedOn is { } started && FinishedOn is { } finished && finished < started)
        {
            errors["finishedOn"] = [PocEditText.FinishedBeforeStarted];
        }

        return errors;
    }

    /// <summary>The fields (wire names) whose value differs from <paramref name="other"/>'s: what "keep mine" puts back.</summary>
    public IReadOnlyList<string> ChangedFrom(PocForm other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return [.. Fields.Where(field => ValueOf(field) != other.ValueOf(field))];
    }

    /// <summary>A field's value as text, to compare and show both versions of a conflict.</summary>
    public string ValueOf(string field) => field switch
    {
        "name" => Name,
        "description" => Description,
        "language" => Language,
        "tags" => string.Join(", ", NormalizedTags),
        "repositoryUrl" => RepositoryUrl,
        "status" => Status,
        "startedOn" => StartedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        "finishedOn" => FinishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        "notes" => Notes,
        "visibility" => Visibility,
        _ => throw new ArgumentException($"No field {field} on the form.", nameof(field)),
    };

    /// <summary>
    /// This form with the fields the person left empty filled from a GitHub repository (the web's rule, docs/web.md "From
    /// GitHub"): what was typed is never replaced. The language is filled in as the product shows it (<c>C#</c>); the
    /// server takes any spelling.
    /// </summary>
    /// <returns>The filled form, the fields filled, and those GitHub differs on but the person had typed (kept), by wire name.</returns>
    public (PocForm Form, IReadOnlyList<string> Filled, IReadOnlyList<string> Kept) FillEmptyFrom(GitHubRepositoryPreview repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var github = new PocForm(repository.Name, repository.Description ?? "", repository.LanguageName ?? repository.Language ?? "", [.. repository.Tags],
            repository.RepositoryUrl, StartedOn: repository.StartedOn);
        var form = this;
        var filled = new List<string>();
        var kept = new List<string>();
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
                form = field switch
                {
                    "name" => form with { Name = github.Name },
                    "description" => form with { Description = github.Description },
                    "language" => form with { Language = github.Language },
                    "tags" => form with { Tags = github.Tags },
                    "repositoryUrl" => form with { RepositoryUrl = github.RepositoryUrl },
                    _ => form with { StartedOn = github.StartedOn },
                };
                filled.Add(field);
            }
            else
            {
                kept.Add(field);
            }
        }

        return (form, filled, kept);
    }

    /// <summary>The server's tag normalisation (apps/Pocs/Catalog/Tag.cs): lower case, words joined by hyphens; letters, digits, <c>#</c>, <c>+</c> and <c>.</c> kept.</summary>
    public static string NormalizeTag(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return ""; // a lone surrogate: the server drops it too
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is '#' or '+' or '.' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(Rune.ToLowerInvariant(rune.Value == 0x130 ? new Rune('i') : rune).ToString());
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // apps/Pocs/Catalog/GitHubRepositoryUrl.cs
    [GeneratedRegex(@"^https://(?:www\.)?github\.com/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/(?<repo>[A-Za-z0-9._-]{1,100})/?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitHubRepository();
}
