using System.Net;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.Tests.Support;

/// <summary>The SDK's exceptions for a server's answers, as the effects see them.</summary>
internal static class Problems
{
    public static PocTrackerProblemException Answer(HttpStatusCode status, string title = "Refused", IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null) =>
        new(status, new PocTrackerProblem { Title = title, Status = (int)status, Errors = errors });
}
