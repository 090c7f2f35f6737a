using System.Buffers.Binary;
using Npgsql;

namespace PocTracker.Pocs.Search.Index;

/// <summary>
/// What the search index keeps of one POC: what searches filter, order and rank by, exactly as the
/// database derives it (folded name and tags, and the lexemes of the text document with the weight
/// of the best field each occurs in, as migration 0002's <c>poc_term_rows</c>). Nothing else: the
/// page's rows are always read from <c>pocs</c>, under row-level security.
/// </summary>
internal sealed class IndexedPoc
{
    /// <summary>The columns <see cref="Read"/> expects, over the <c>pocs</c> row <c>p</c>.</summary>
    public const string Columns = """
        p.id, p.owner_id, p.visibility = 'private', p.name_folded, p.language, p.status, p.tags_folded, p.created_at, p.updated_at,
        coalesce(t.terms, '{}'), coalesce(t.weights, '{}')
        """;

    /// <summary>The lexemes of <c>p</c>'s document with their weights (to follow <c>from pocs p</c>).</summary>
    public const string TermsJoin = """
        cross join lateral (select array_agg(lexeme) as terms,
                                   array_agg((case when 'A' = any(weights) then 1.0 when 'B' = any(weights) then 0.4 else 0.2 end)::real) as weights
                            from unnest(p.search_document)) t
        """;

    public IndexedPoc(
        Guid id, Guid ownerId, bool isPrivate, string nameFolded, string? language, string status,
        string[] tagsFolded, string[] terms, float[] termWeights, DateTime createdAt, DateTime updatedAt)
    {
        Id = id;
        IdKey = OrderKeyOf(id);
        OwnerId = ownerId;
        IsPrivate = isPrivate;
        NameFolded = nameFolded;
        Language = language;
        Status = status;
        TagsFolded = tagsFolded.Distinct(StringComparer.Ordinal).ToArray();
        Terms = terms;
        TermWeights = termWeights;
        CreatedTicks = createdAt.Ticks;
        UpdatedTicks = updatedAt.Ticks;
    }

    public Guid Id { get; }

    /// <summary>The id as PostgreSQL orders uuids (byte-wise, big-endian), for tie-breaks and cursors.</summary>
    public UInt128 IdKey { get; }

    public Guid OwnerId { get; }
    public bool IsPrivate { get; }
    public string NameFolded { get; }
    public string? Language { get; }
    public string Status { get; }
    public string[] TagsFolded { get; }
    public string[] Terms { get; }
    public float[] TermWeights { get; }
    public long CreatedTicks { get; }
    public long UpdatedTicks { get; }

    public static UInt128 OrderKeyOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>; <paramref name="intern"/> shares equal strings between POCs.</summary>
    public static IndexedPoc Read(NpgsqlDataReader reader, int first, Func<string, string> intern)
    {
        var terms = reader.GetFieldValue<string[]>(first + 9);
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = intern(terms[i]);
        }

        var tags = reader.GetFieldValue<string[]>(first + 6);
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = intern(tags[i]);
        }

        return new IndexedPoc(
            reader.GetGuid(first),
            reader.GetGuid(first + 1),
            reader.GetBoolean(first + 2),
            reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : intern(reader.GetString(first + 4)),
            intern(reader.GetString(first + 5)),
            tags,
            terms,
            reader.GetFieldValue<float[]>(first + 10),
            reader.GetDateTime(first + 7),
            reader.GetDateTime(first + 8));
    }
}
