using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PocTracker.Pocs.Catalog;

/// <summary>A POC's entity tag is its version, quoted: <c>"3"</c>. Writes compare it with If-Match.</summary>
internal static class PocETag
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// Whether an If-Match header allows a write to a POC at <paramref name="currentVersion"/>:
    /// <c>*</c> or a strong tag equal to the current one (weak tags never match, per RFC 9110).
    /// </summary>
    public static bool Matches(StringValues ifMatch, int currentVersion)
    {
        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(Of(currentVersion));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }
}
