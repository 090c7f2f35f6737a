using System.Buffers;
using System.Numerics;
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
internal sealed class IndexSegment
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

    /// <summary>The query's keys resolved against the segment: the list to walk, and what checks the rest.</summary>
    private sealed class PreparedKeys : IDisposable
    {
        private readonly IndexSegment segment;
        private readonly IndexQuery query;
        private readonly ulong[]? superseded;
        private readonly List<ulong[]> tagBits = [];
        private readonly float[]?[] wordWeights;
        private readonly int driverWord = -1;
        private readonly int languageId = -1;
        private readonly byte statusMask;
        private int[]? rentedDriver;

        public PreparedKeys(IndexSegment segment, IndexQuery query, ulong[]? superseded)
        {
            this.segment = segment;
            this.query = query;
            this.superseded = superseded;
            wordWeights = new float[query.Words.Length][];
            statusMask = StatusMask(query.Statuses);

            // Each key as (estimated size, how to get its slots in order); the smallest is walked.
            var candidates = new List<(int Size, Func<ArraySegment<int>> Slots, string? Tag, int Word)>();
            if (query.Language is not null)
            {
                if (!segment.languageIdOf.TryGetValue(query.Language, out languageId))
                {
                    NoMatch = true;
                    return;
                }

                var slots = segment.languageSlots[languageId];
                candidates.Add((slots.Length, () => slots, null, -1));
            }

            if (query.Tags.Length > 0)
            {
                var lists = query.Tags.Select(tag => segment.tagSlots.GetValueOrDefault(tag) ?? []).ToArray();
                if (query.AllTags || lists.Length == 1)
                {
                    if (lists.Any(l => l.Length == 0))
                    {
                        NoMatch = true;
                        return;
                    }

                    for (var i = 0; i < lists.Length; i++)
                    {
                        var list = lists[i];
                        candidates.Add((list.Length, () => list, query.Tags[i], -1));
                    }
                }
                else
                {
                    var size = lists.Sum(l => l.Length);
                    if (size == 0)
                    {
                        NoMatch = true;
                        return;
                    }

                    var union = RentBits();
                    foreach (var list in lists)
                    {
                        Set(union, list);
                    }

                    candidates.Add((size, () => SlotsOf(union), null, -1));
                }
            }

            if (query.NamePattern is { Length: >= 3 } pattern)
            {
                var rarest = Trigrams(pattern).Select(t => segment.trigramSlots.GetValueOrDefault(t) ?? []).MinBy(l => l.Length)!;
                if (rarest.Length == 0)
                {
                    NoMatch = true;
                    return;
                }

                candidates.Add((rarest.Length, () => rarest, null, -1));
            }

            // Words: the terms starting with each. The driver word, when it is one term, is read with its
            // posting list's weights; every other word gets the best weight per slot (0: the POC lacks it),
            // which is both its check and its score.
            var ranges = new (int First, int End)[query.Words.Length];
            for (var w = 0; w < query.Words.Length; w++)
            {
                var (first, end) = ranges[w] = segment.TermRange(query.Words[w]);
                if (first == end)
                {
                    NoMatch = true;
                    return;
                }

                var size = 0;
                for (var t = first; t < end; t++)
                {
                    size += segment.termSlots[t].Length;
                }

                var word = w;
                candidates.Add((size, () => end - first == 1 ? segment.termSlots[first] : SlotsOf(WeightsOf(word, first, end)), null, word));
            }

            if (candidates.Count > 0)
            {
                var driver = candidates.MinBy(c => c.Size);
                driverWord = driver.Word;
                if (driverWord >= 0 && ranges[driverWord].End - ranges[driverWord].First == 1)
                {
                    DriverWeights = segment.termWeights[ranges[driverWord].First];
                }

                Driver = driver.Slots();
                for (var w = 0; w < query.Words.Length; w++)
                {
                    if (wordWeights[w] is null && w != driverWord)
                    {
                        WeightsOf(w, ranges[w].First, ranges[w].End);
                    }
                }

                // Tags other than the driver are checked through bitsets (the union already is one).
                if (query.Tags.Length > 0 && (query.AllTags || query.Tags.Length == 1))
                {
                    foreach (var tag in query.Tags.Where(tag => tag != driver.Tag))
                    {
                        Set(RentBits(), segment.tagSlots[tag]);
                    }
                }
            }
        }

        /// <summary>Some key has no POC in the segment: nothing here matches.</summary>
        public bool NoMatch { get; }

        /// <summary>The slots to walk, in creation order (unless <see cref="WalkAll"/>).</summary>
        public ArraySegment<int> Driver { get; }

        /// <summary>No key narrows the search: every slot is walked.</summary>
        public bool WalkAll => Driver.Array is null;

        public bool Matches(int slot)
        {
            if (superseded is not null && (superseded[slot >> 6] & (1UL << slot)) != 0)
            {
                return false;
            }

            if (segment.isPrivate[slot] && !query.IsAdmin && segment.owners[slot] != query.UserId)
            {
                return false;
            }

            if ((query.OnlyMine && segment.owners[slot] != query.UserId)
                || (languageId >= 0 && segment.languageIds[slot] != languageId)
                || (statusMask != 0 && (segment.statuses[slot] & statusMask) == 0))
            {
                return false;
            }

            foreach (var bits in tagBits)
            {
                if ((bits[slot >> 6] & (1UL << slot)) == 0)
                {
                    return false;
                }
            }

            foreach (var weights in wordWeights)
            {
                if (weights is not null && weights[slot] == 0)
                {
                    return false;
                }
            }

            return query.NamePattern is null || segment.names[slot].Contains(query.NamePattern, StringComparison.Ordinal);
        }

        /// <summary>
        /// The sum over the query's words of the best field each occurs in (as <c>PocSearchSql</c> scores), for
        /// the slot at <paramref name="driverIndex"/> of the driver; words in the query's order, as the SQL sums them.
        /// </summary>
        public float Score(int slot, int driverIndex)
        {
            var score = 0f;
            for (var w = 0; w < wordWeights.Length; w++)
            {
                score += wordWeights[w] is { } weights ? weights[slot] : DriverWeights![driverIndex];
            }

            return score;
        }

        public void Dispose()
        {
            foreach (var bits in tagBits)
            {
                ArrayPool<ulong>.Shared.Return(bits);
            }

            foreach (var weights in wordWeights)
            {
                if (weights is not null)
                {
                    ArrayPool<float>.Shared.Return(weights);
                }
            }

            if (rentedDriver is not null)
            {
                ArrayPool<int>.Shared.Return(rentedDriver);
            }
        }

        /// <summary>The driver word's weights, aligned with <see cref="Driver"/>, when that word is one term.</summary>
        public float[]? DriverWeights { get; private set; }

        private float[] WeightsOf(int word, int first, int end)
        {
            var weights = wordWeights[word] = ArrayPool<float>.Shared.Rent(segment.Count);
            Array.Clear(weights, 0, segment.Count);
            for (var t = first; t < end; t++)
            {
                var slots = segment.termSlots[t];
                var termWeight = segment.termWeights[t];
                for (var i = 0; i < slots.Length; i++)
                {
                    weights[slots[i]] = Math.Max(weights[slots[i]], termWeight[i]);
                }
            }

            return weights;
        }

        private ulong[] RentBits()
        {
            var words = (segment.Count + 63) >> 6;
            var bits = ArrayPool<ulong>.Shared.Rent(words);
            Array.Clear(bits, 0, words);
            tagBits.Add(bits);
            return bits;
        }

        private static void Set(ulong[] bits, int[] slots)
        {
            foreach (var slot in slots)
            {
                bits[slot >> 6] |= 1UL << slot;
            }
        }

        private ArraySegment<int> SlotsOf(ulong[] bits)
        {
            var slots = rentedDriver = ArrayPool<int>.Shared.Rent(segment.Count);
            var count = 0;
            for (var w = 0; w < (segment.Count + 63) >> 6; w++)
            {
                for (var word = bits[w]; word != 0; word &= word - 1)
                {
                    slots[count++] = (w << 6) + BitOperations.TrailingZeroCount(word);
                }
            }

            // The union is the driver: its own bitset need not be checked again.
            tagBits.Remove(bits);
            ArrayPool<ulong>.Shared.Return(bits);
            return new ArraySegment<int>(slots, 0, count);
        }

        private ArraySegment<int> SlotsOf(float[] weights)
        {
            var slots = rentedDriver = ArrayPool<int>.Shared.Rent(segment.Count);
            var count = 0;
            for (var slot = 0; slot < segment.Count; slot++)
            {
                if (weights[slot] != 0)
                {
                    slots[count++] = slot;
                }
            }

            return new ArraySegment<int>(slots, 0, count);
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
