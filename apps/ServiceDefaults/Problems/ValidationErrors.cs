using FluentValidation.Results;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>FluentValidation failures as the <c>errors</c> member of a validation problem, keyed by JSON field name.</summary>
public static class ValidationErrors
{
    public static Dictionary<string, string[]> ToProblemErrors(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .GroupBy(error => JsonFieldName(error.PropertyName), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
    }

    /// <summary>"FinishedOn" → "finishedOn", "Tags[2]" → "tags[2]": the names clients sent.</summary>
    private static string JsonFieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
