using PocTracker.Sdk.Problems;

namespace PocTracker.Web.Problems;

/// <summary>The field errors of an error, by the field's wire name (the API's, e.g. <c>name</c>, <c>repositoryUrl</c>).</summary>
public static class ProblemFields
{
    /// <summary>The messages for <paramref name="field"/>; empty when the error is not a problem or names other fields.</summary>
    public static IReadOnlyList<string> For(Exception? error, string field) =>
        error is PocTrackerProblemException problem
            ? problem.Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList()
            : [];

    /// <summary>Every field error, in the order the server gave them.</summary>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> All(Exception? error) =>
        error is PocTrackerProblemException problem ? [.. problem.Errors] : [];
}
