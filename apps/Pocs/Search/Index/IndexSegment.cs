using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// An immutable, column-wise index of one tenant's POCs as they were when it was built. Slots are
/// numbered in creation order (created_at, then id as PostgreSQL orders uuids), so every posting list
/// — the slots of a tag, a lexeme, a name trigram, a language — is already in the default order, and
/// newest first is a walk from its end that stops once the page and the capped count are complete.
/// <para>
/// A search starts from its rarest key (the shortest list) and checks the other keys with bitsets or
/// per-slot arrays built from their lists, so two common keys whose POCs rarely meet cost a pass over
/// each list instead of a probe per entry. Name parts are found through the slots holding the
/// part's rarest three-character piece and then checked with an ordinal <c>Contains</c> on the
/// folded name, which is what <c>name_folded like '%part%'</c> means.
/// </para>
/// </summary>
internal sealed partial class IndexSegment
{
    private static readonly IComparer<(long, UInt128, IndexedPoc)> CreationOrder =
        Comparer<(long, UInt128, IndexedPoc)>.Create((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2.CompareTo(b.Item2));

    private readonly Guid[] ids;
    private readonly UInt128[] idKeys;
    private readonly long[] created;
    private readonly long[] updated;
    private readonly Guid[] owners;
    private readonly bool[] isPrivate;
    private readonly string[] names;
    private readonly int[] languageIds;
    private readonly byte[] statuses;
    private readonly Dictionary<Guid, int> slotOf;

    // The slots ranked by id as PostgreSQL orders uuids, highest first (relevance ties go to the higher id).
    private readonly int[] idRanks;
    private readonly int[] slotsByIdRank;
    private readonly UInt128[] idKeysDescending;
    private readonly Dictionary<string, int> languageIdOf = new(StringComparer.Ordinal);
    private readonly List<int[]> languageSlots = [];
    private readonly Dictionary<string, int[]> tagSlots = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int[]> trigramSlots = [];
    private readonly string[] terms;
    private readonly int[][] termSlots;
    private readonly float[][] termWeights;

    public IndexSegment(IReadOnlyCollection<IndexedPoc> pocs)
    {
        var sorted = pocs.Select(p => (p.CreatedTicks, p.IdKey, p)).ToArray();
        Array.Sort(sorted, CreationOrder);
        Count = sorted.Length;
        ids = new Guid[Count];
        idKeys = new UInt128[Count];
        created = new long[Count];
        updated = new long[Count];
        owners = new Guid[Count];
        isPrivate = new bool[Count];
        names = new string[Count];
        languageIds = new int[Count];
        statuses = new byte[Count];
        slotOf = new Dictionary<Guid, int>(Count);

        var languages = new List<List<int>>();
        var tags = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var trigrams = new Dictionary<ulong, List<int>>();
        var postings = new Dictionary<string, (List<int> Slots, List<float> Weights)>(StringComparer.Ordinal);
        var nameTrigrams = new HashSet<ulong>();
        for (var slot = 0; slot < Count; slot++)
        {
            var poc = sorted[slot].p;
            ids[slot] = poc.Id;
            idKeys[slot] = poc.IdKey;
            created[slot] = poc.CreatedTicks;
            updated[slot] = poc.UpdatedTicks;
            owners[slot] = poc.OwnerId;
            isPrivate[slot] = poc.IsPrivate;
            names[slot] = poc.NameFolded;
            statuses[slot] = StatusBit(poc.Status);
            slotOf[poc.Id] = slot;

            languageIds[slot] = -1;
            if (poc.Language is { } language)
            {
                if (!languageIdOf.TryGetValue(language, out var languageId))
                {
                    languageId = languages.Count;
                    languageIdOf[language] = languageId;
                    languages.Add([]);
                }

                languageIds[slot] = languageId;
                languages[languageId].Add(slot);
            }

            foreach (var tag in poc.TagsFolded)
            {
                ListOf(tags, tag).Add(slot);
            }

            nameTrigrams.Clear();
            foreach (var trigram in Trigrams(poc.NameFolded))
            {
                if (nameTrigrams.Add(trigram))
                {
                    ListOf(trigrams, trigram).Add(slot);
                }
            }

            for (var i = 0; i < poc.Terms.Length; i++)
            {
                if (!postings.TryGetValue(poc.Terms[i], out var posting))
                {
                    posting = ([], []);
                    postings[poc.Terms[i]] = posting;
                }

                posting.Slots.Add(slot);
                posting.Weights.Add(poc.TermWeights[i]);
            }
        }

        slotsByIdRank = [.. Enumerable.Range(0, Count)];
        idKeysDescending = [.. idKeys];
        Array.Sort(idKeysDescending, slotsByIdRank, Comparer<UInt128>.Create((a, b) => b.CompareTo(a)));
        idRanks = new int[Count];
        for (var rank = 0; rank < Count; rank++)
        {
            idRanks[slotsByIdRank[rank]] = rank;
        }

        languageSlots.AddRange(languages.Select(l => l.ToArray()));
        foreach (var (tag, slots) in tags)
        {
            tagSlots[tag] = [.. slots];
        }

        foreach (var (trigram, slots) in trigrams)
        {
            trigramSlots[trigram] = [.. slots];
        }

        // Terms in ordinal order: the terms starting with a word are one contiguous run.
        terms = [.. postings.Keys];
        Array.Sort(terms, StringComparer.Ordinal);
        termSlots = new int[terms.Length][];
        termWeights = new float[terms.Length][];
        for (var t = 0; t < terms.Length; t++)
        {
            var (slots, weights) = postings[terms[t]];
            termSlots[t] = [.. slots];
            termWeights[t] = [.. weights];
        }
    }

    /// <summary>How many POCs the segment holds (superseded ones included).</summary>
    public int Count { get; }

    /// <summary>The slot of a POC in this segment, if it has one.</summary>
    public bool TryGetSlot(Guid id, out int slot) => slotOf.TryGetValue(id, out slot);

    /// <summary>The three-character pieces of a folded text, each packed into a number (three UTF-16 units).</summary>
    public static IEnumerable<ulong> Trigrams(string text)
    {
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            yield return ((ulong)text[i] << 32) | ((ulong)text[i + 1] << 16) | text[i + 2];
        }
    }

    public static byte StatusBit(string status) => (byte)(1 << Math.Max(0, Array.IndexOf(StatusOrder, status)));

    private static readonly string[] StatusOrder = [.. PocStatus.All];

    public static byte StatusMask(string[] statuses) => (byte)statuses.Aggregate(0, (mask, status) => mask | StatusBit(status));

    /// <summary>
    /// The segment's part of a search: its matches that are not <paramref name="superseded"/>, counted
    /// up to the cap, and the first <see cref="IndexQuery.PageSize"/> of them after the cursor, in order.
    /// </summary>
    public (List<IndexHit> Page, int Total) Search(IndexQuery query, ulong[]? superseded)
    {
        var page = new List<IndexHit>(Math.Min(query.PageSize, Count));
        if (Count == 0)
        {
            return (page, 0);
        }

        using var keys = new PreparedKeys(this, query, superseded);
        if (keys.NoMatch)
        {
            return (page, 0);
        }

        return query.Order switch
        {
            IndexOrder.Relevance => SearchByRelevance(query, keys, page),
            IndexOrder.Updated => SearchByUpdate(query, keys, page),
            _ => SearchInCreationOrder(query, keys, page),
        };
    }

    // The driver's slots are in creation order: walk them from the end (newest) or the start
    // (oldest), count matches until the cap, and fill the page from the cursor on.
    private (List<IndexHit>, int) SearchInCreationOrder(IndexQuery query, PreparedKeys keys, List<IndexHit> page)
    {
        var driver = keys.Driver;
        var length = keys.WalkAll ? Count : driver.Count;
        var newest = query.Order == IndexOrder.Newest;
        int SlotAt(int i) => keys.WalkAll ? i : driver[i];

        var total = 0;
        var start = newest ? length - 1 : 0;
        var step = newest ? -1 : 1;
        var pageStart = start;
        if (query.After is { } after)
        {
            // The first driver position past the cursor: positions are ordered like slots, slots like creation.
            var boundary = FirstSlotAfter(after);
            var (low, high) = (0, length);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (SlotAt(middle) < boundary)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            // newest: positions before `low` hold slots before the cursor; oldest: from `low` on, after it.
            pageStart = newest ? low - 1 : low;
            for (var i = start; i >= 0 && i < length && total < query.CountCap; i += step)
            {
                total += keys.Matches(SlotAt(i)) ? 1 : 0;
            }
        }

        for (var i = pageStart; i >= 0 && i < length && (page.Count < query.PageSize || (query.After is null && total < query.CountCap)); i += step)
        {
            var slot = SlotAt(i);
            if (!keys.Matches(slot))
            {
                continue;
            }

            if (query.After is null)
            {
                total++;
            }

            if (page.Count < query.PageSize)
            {
                page.Add(new IndexHit(ids[slot], new IndexPosition(created[slot], idKeys[slot])));
            }
        }

        return (page, total);

        // For newest, the slots after the cursor in the order are those before this one; for oldest, this one and after.
        int FirstSlotAfter(IndexPosition cursor)
        {
            var (low, high) = (0, Count);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                var position = new IndexPosition(created[middle], idKeys[middle]);
                if (newest ? position.CompareTo(cursor) < 0 : position.CompareTo(cursor) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }

    // Updated: every match is visited (the order is not the slots'); the page is the best PageSize after
    // the cursor, kept in a bounded heap.
    private (List<IndexHit>, int) SearchByUpdate(IndexQuery query, PreparedKeys keys, List<IndexHit> page)
    {
        var driver = keys.Driver;
        var length = keys.WalkAll ? Count : driver.Count;
        var best = new BestHits(query);
        var total = 0;
        for (var i = 0; i < length; i++)
        {
            var slot = keys.WalkAll ? i : driver[i];
            if (keys.Matches(slot))
            {
                total++;
                best.Offer(ids[slot], new IndexPosition(updated[slot], idKeys[slot]));
            }
        }

        page.AddRange(best.InOrder());
        return (page, Math.Min(total, query.CountCap));
    }

    // Relevance: every match is scored, so this loop is the cost of a ranked search (a common word
    // matches tens of thousands of POCs). Each match becomes one number that orders like (score desc,
    // id desc) — the score's bits above the slot's rank among the segment's ids — so keeping the
    // page's best is one comparison per match.
    private (List<IndexHit>, int) SearchByRelevance(IndexQuery query, PreparedKeys keys, List<IndexHit> page)
    {
        var driver = keys.Driver;
        var length = keys.WalkAll ? Count : driver.Count;
        var bound = long.MaxValue;
        if (query.After is { } after)
        {
            // Past the cursor: a lower score, or the same score and an id below the cursor's (ids ranked descending).
            var (low, high) = (0, Count);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (idKeysDescending[middle] >= after.IdKey)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            bound = (after.Value << 32) + (Count - low);
        }

        var best = new long[query.PageSize];
        var kept = 0;
        var worst = 0;
        var total = 0;
        for (var i = 0; i < length; i++)
        {
            var slot = keys.WalkAll ? i : driver[i];
            if (!keys.Matches(slot))
            {
                continue;
            }

            total++;
            var key = (IndexPosition.ValueOf(keys.Score(slot, i)) << 32) | (uint)(Count - 1 - idRanks[slot]);
            if (key >= bound)
            {
                continue;
            }

            if (kept < best.Length)
            {
                best[kept++] = key;
                if (kept == best.Length)
                {
                    worst = IndexOfMin(best);
                }
            }
            else if (key > best[worst])
            {
                best[worst] = key;
                worst = IndexOfMin(best);
            }
        }

        Array.Sort(best, 0, kept);
        for (var k = kept - 1; k >= 0; k--)
        {
            var slot = slotsByIdRank[Count - 1 - (int)(uint)best[k]];
            page.Add(new IndexHit(ids[slot], new IndexPosition(best[k] >> 32, idKeys[slot])));
        }

        return (page, Math.Min(total, query.CountCap));

        static int IndexOfMin(long[] keys)
        {
            var min = 0;
            for (var k = 1; k < keys.Length; k++)
            {
                min = keys[k] < keys[min] ? k : min;
            }

            return min;
        }
    }

    // The terms starting with the word: [first, end) in the ordinal order of terms.
    private (int First, int End) TermRange(string word)
    {
        var first = Array.BinarySearch(terms, word, StringComparer.Ordinal);
        if (first < 0)
        {
            first = ~first;
        }

        var end = first;
        while (end < terms.Length && terms[end].StartsWith(word, StringComparison.Ordinal))
        {
            end++;
        }

        return (first, end);
    }

    private static List<int> ListOf<TKey>(Dictionary<TKey, List<int>> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists[key] = list;
        }

        return list;
    }
}
