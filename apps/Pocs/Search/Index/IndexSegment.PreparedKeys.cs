using System.Buffers;
using System.Numerics;

namespace PocTracker.Pocs.Search.Index;

// A search's keys prepared against the segment: nested in it (it reads the segment's private columns and lists), in a
// file of its own.
internal sealed partial class IndexSegment
{
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
}
