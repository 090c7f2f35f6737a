using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Filters;

/// <summary>
/// A report's filters, as this app's routes bind them: exactly the pocs export's (<see cref="PocSearchFilters"/>:
/// the search's <c>q</c>, <c>name</c>, <c>language</c>, <c>tags</c>, <c>tagMode</c>, <c>status</c>, <c>owner</c>,
/// plus the creation-date range). The search filters are checked by the pocs app, the one that knows their
/// rules (its 400 is passed on); the dates are checked here, before anything is asked of it or a job is made.
/// </summary>
internal sealed record ReportFilters(
    [FromQuery(Name = PocSearchKeys.Q)] string? Q,
    [FromQuery(Name = PocSearchKeys.Name)] string? Name,
    [FromQuery(Name = PocSearchKeys.Language)] string? Language,
    [FromQuery(Name = PocSearchKeys.Tags)] string? Tags,
    [FromQuery(Name = PocSearchKeys.TagMode)] string? TagMode,
    [FromQuery(Name = PocSearchKeys.Status)] string? Status,
    [FromQuery(Name = PocSearchKeys.Owner)] string? Owner,
    [FromQuery(Name = PocSearchKeys.CreatedFrom)] string? CreatedFrom,
    [FromQuery(Name = PocSearchKeys.CreatedTo)] string? CreatedTo)
{
    /// <summary>
    /// The last day a date filter may name: <c>createdTo</c> is inclusive, so the range ends at the next
    /// day's midnight, which must exist (9999-12-31 has none a date type can hold, and failed the export).
    /// </summary>
    public static readonly DateOnly LatestDate = DateOnly.MaxValue.AddDays(-1);

    /// <summary>The dates parsed, or the field errors.</summary>
    public (DateOnly? From, DateOnly? To, Dictionary<string, string[]> Errors) ParseDates()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var from = ParseDate("createdFrom", CreatedFrom, errors);
        var to = ParseDate("createdTo", CreatedTo, errors);
        if (from is not null && to is not null && from > to)
        {
            errors["createdTo"] = ["createdTo is before createdFrom."];
        }

        return (from, to, errors);
    }

    /// <summary>The filters as the pocs export takes them.</summary>
    public PocSearchFilters ToSearchFilters() => new()
    {
        Q = Q, Name = Name, Language = Language, Tags = Tags, TagMode = TagMode,
        Status = Status, Owner = Owner, CreatedFrom = CreatedFrom, CreatedTo = CreatedTo,
    };

    /// <summary>The filters that were given, for the report's cover and file name.</summary>
    public IReadOnlyList<(string Name, string Value)> Given() =>
        ToSearchFilters().ToQueryParameters().Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Key, f.Value)).ToList();

    private static DateOnly? ParseDate(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = [$"{field} must be a date as yyyy-MM-dd."];
            return null;
        }

        if (date > LatestDate)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"{field} must be no later than {LatestDate:yyyy-MM-dd}.")];
            return null;
        }

        return date;
    }
}
