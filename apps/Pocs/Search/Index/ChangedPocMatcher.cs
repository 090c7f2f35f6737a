namespace PocTracker.Pocs.Search.Index;

/// <summary>The definition of a match, checked on one POC: what the segment's lists compute for many.</summary>
internal static class ChangedPocMatcher
{
    public static bool Matches(IndexedPoc poc, IndexQuery query, out float score)
    {
        score = 0;
        if ((poc.IsPrivate && !query.IsAdmin && poc.OwnerId != query.UserId)
            || (query.OnlyMine && poc.OwnerId != query.UserId)
            || (query.Language is not null && poc.Language != query.Language)
            || (query.Statuses.Length > 0 && !query.Statuses.Contains(poc.Status, StringComparer.Ordinal))
            || (query.NamePattern is not null && !poc.NameFolded.Contains(query.NamePattern, StringComparison.Ordinal)))
        {
            return false;
        }

        if (query.Tags.Length > 0 && !(query.AllTags
                ? query.Tags.All(tag => poc.TagsFolded.Contains(tag, StringComparer.Ordinal))
                : query.Tags.Any(tag => poc.TagsFolded.Contains(tag, StringComparer.Ordinal))))
        {
            return false;
        }

        foreach (var word in query.Words)
        {
            var best = 0f;
            for (var i = 0; i < poc.Terms.Length; i++)
            {
                if (poc.Terms[i].StartsWith(word, StringComparison.Ordinal))
                {
                    best = Math.Max(best, poc.TermWeights[i]);
                }
            }

            if (best == 0)
            {
                return false;
            }

            score += best;
        }

        return true;
    }
}
