using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>A tenant of the data set: its id, how many POCs it has and the people who own them.</summary>
internal sealed record TenantPlan(int Index, Guid Id, int Size, Guid[] Users);

/// <summary>One row of <c>pocs</c> as written by COPY (the generated columns are PostgreSQL's).</summary>
internal readonly record struct PocRecord(
    Guid TenantId, Guid Id, Guid OwnerId, string Name, string? Description, string? Language, string[] Tags,
    string? RepositoryUrl, string Status, DateOnly? StartedOn, DateOnly? FinishedOn, string? Notes, string Visibility,
    int Version, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>
/// The data set, fully determined by its size: one big tenant with a tenth of the POCs, the rest
/// spread over the other tenants with a long-tailed size distribution. Rows are generated in
/// creation order with tenants interleaved (as an app would insert them), in chunks that each have
/// their own seeded generator, so parallel COPY streams write the same data as a single one.
/// </summary>
internal sealed class Dataset
{
    public const int ChunkSize = 10_000;
    private const int Seed = 20_260_101;
    private static readonly DateTime First = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Last = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Zipf TechPick = new(Vocabulary.Techs.Length, 0.9);
    private static readonly Zipf TagPick = new(Vocabulary.Tags.Length, 1.0);
    private static readonly Zipf LanguagePick = new(Vocabulary.Languages.Length, 1.1);
    private static readonly Zipf PtObjectPick = new(Vocabulary.PtObjects.Length, 0.6);
    private static readonly Zipf EnObjectPick = new(Vocabulary.EnObjects.Length, 0.6);
    private static readonly Zipf PtActionPick = new(Vocabulary.PtActions.Length, 0.5);
    private static readonly Zipf EnNounPick = new(Vocabulary.EnNouns.Length, 0.5);
    private static readonly int[] TagCountWeights = [8, 15, 22, 25, 15, 10, 5]; // 0..6 tags, percent

    private readonly int[] tenantOfRow;

    private Dataset(IReadOnlyList<TenantPlan> tenants, int[] tenantOfRow)
    {
        Tenants = tenants;
        this.tenantOfRow = tenantOfRow;
    }

    public IReadOnlyList<TenantPlan> Tenants { get; }

    public int TotalPocs => tenantOfRow.Length;

    public int ChunkCount => (TotalPocs + ChunkSize - 1) / ChunkSize;

    /// <summary>The big tenant (a tenth of all POCs).</summary>
    public TenantPlan Big => Tenants[0];

    /// <summary>A typical small tenant: the median size of the others.</summary>
    public TenantPlan Small => Tenants.Skip(1).OrderBy(t => t.Size).ThenBy(t => t.Index).ElementAt((Tenants.Count - 1) / 2);

    public static Dataset Plan(int totalPocs, int tenantCount)
    {
        if (tenantCount < 2 || totalPocs < tenantCount * 2)
        {
            throw new ArgumentException("Need at least two tenants and two POCs per tenant.");
        }

        var random = new Random(Seed);
        var sizes = new int[tenantCount];
        sizes[0] = totalPocs / 10;
        var rest = totalPocs - sizes[0];
        var weights = Enumerable.Range(1, tenantCount - 1).Select(i => 1.0 / (i + 20)).ToArray();
        var weightSum = weights.Sum();
        for (var i = 1; i < tenantCount; i++)
        {
            sizes[i] = Math.Max(1, (int)(rest * weights[i - 1] / weightSum));
        }

        // Rounding leftovers go to the larger small tenants, one each.
        for (var i = 1; sizes.Sum() < totalPocs; i = i % (tenantCount - 1) + 1)
        {
            sizes[i]++;
        }

        // With few POCs for many tenants the one-POC floor overshoots: the larger small tenants give the surplus back.
        for (var i = 1; sizes.Sum() > totalPocs; i = i % (tenantCount - 1) + 1)
        {
            if (sizes[i] > 1)
            {
                sizes[i]--;
            }
        }

        var tenants = new TenantPlan[tenantCount];
        for (var i = 0; i < tenantCount; i++)
        {
            var users = Enumerable.Range(0, Math.Max(2, sizes[i] / 40)).Select(_ => NewGuid(random)).ToArray();
            tenants[i] = new TenantPlan(i, NewGuid(random), sizes[i], users);
        }

        var tenantOfRow = new int[totalPocs];
        var row = 0;
        for (var i = 0; i < tenantCount; i++)
        {
            tenantOfRow.AsSpan(row, sizes[i]).Fill(i);
            row += sizes[i];
        }

        random.Shuffle(tenantOfRow);
        return new Dataset(tenants, tenantOfRow);
    }

    /// <summary>The rows of chunk <paramref name="chunk"/>, always the same ones.</summary>
    public IEnumerable<PocRecord> Chunk(int chunk)
    {
        var random = new Random(Seed + 7919 * (chunk + 1));
        var end = Math.Min(TotalPocs, (chunk + 1) * ChunkSize);
        var span = (Last - First).Ticks;
        for (var row = chunk * ChunkSize; row < end; row++)
        {
            var createdAt = new DateTime(First.Ticks + (long)(span * (row / (double)TotalPocs)), DateTimeKind.Utc)
                .AddSeconds(random.Next(3600));
            yield return Generate(random, Tenants[tenantOfRow[row]], row, createdAt);
        }
    }

    private static PocRecord Generate(Random random, TenantPlan tenant, int row, DateTime createdAt)
    {
        var portuguese = random.NextDouble() < 0.55;
        Vocabulary.Tech? tech = random.NextDouble() < 0.7 ? Vocabulary.Techs[TechPick.Next(random)] : null;
        var name = portuguese ? PortugueseName(random, tech) : EnglishName(random, tech);
        var description = random.NextDouble() < 0.1 ? null : portuguese ? PortugueseDescription(random, tech) : EnglishDescription(random, tech);

        var language = random.NextDouble() switch
        {
            < 0.04 => null,
            < 0.5 when tech is not null => tech.Language,
            _ => Vocabulary.Languages[LanguagePick.Next(random)],
        };

        var tagCount = WeightedIndex(random, TagCountWeights);
        var tags = new List<string>(tagCount);
        if (tagCount > 0 && tech is not null && random.NextDouble() < 0.6)
        {
            tags.Add(tech.Tag);
        }

        while (tags.Count < tagCount)
        {
            var tag = Vocabulary.Tags[TagPick.Next(random)];
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        var status = random.NextDouble() switch
        {
            < 0.2 => PocStatus.Idea,
            < 0.45 => PocStatus.InProgress,
            < 0.9 => PocStatus.Done,
            _ => PocStatus.Dropped,
        };
        DateOnly? startedOn = status == PocStatus.Idea && random.NextDouble() < 0.7
            ? null
            : DateOnly.FromDateTime(createdAt).AddDays(random.Next(15));
        DateOnly? finishedOn = startedOn is { } started && status is PocStatus.Done or PocStatus.Dropped
            ? started.AddDays(1 + random.Next(90))
            : null;

        var updatedAt = createdAt.AddMinutes(random.Next(120 * 24 * 60));
        return new PocRecord(
            tenant.Id,
            NewGuid(random),
            tenant.Users[random.Next(tenant.Users.Length)],
            name,
            description,
            language,
            [.. tags],
            random.NextDouble() < 0.35 ? $"https://github.com/{Pick(random, Vocabulary.GitHubOrgs)}/poc-{row}" : null,
            status,
            startedOn,
            finishedOn,
            random.NextDouble() < 0.08 ? Pick(random, Vocabulary.Notes) : null,
            random.NextDouble() < 0.85 ? PocVisibility.Tenant : PocVisibility.Private,
            1 + random.Next(random.Next(1, 5)),
            createdAt,
            updatedAt > Last ? Last : updatedAt);
    }

    private static string PortugueseName(Random random, Vocabulary.Tech? tech)
    {
        var action = Vocabulary.PtActions[PtActionPick.Next(random)];
        var thing = Vocabulary.PtObjects[PtObjectPick.Next(random)];
        return (random.Next(3), tech) switch
        {
            (0, not null) => $"{action} de {thing} com {tech.Name}",
            (1, not null) => $"{tech.Name} para {action.ToLowerInvariant()} de {thing}",
            (2, _) => $"{action} de {thing} {Pick(random, Vocabulary.PtSuffixes)}",
            _ => $"{action} de {thing}",
        };
    }

    private static string EnglishName(Random random, Vocabulary.Tech? tech)
    {
        var adjective = Pick(random, Vocabulary.EnAdjectives);
        var thing = Vocabulary.EnObjects[EnObjectPick.Next(random)];
        var noun = Vocabulary.EnNouns[EnNounPick.Next(random)];
        return (random.Next(3), tech) switch
        {
            (0, not null) => $"{char.ToUpperInvariant(thing[0])}{thing[1..]} {noun} with {tech.Name}",
            (1, not null) => $"{tech.Name} {noun} for {thing} data",
            (2, _) => $"{adjective} {noun} with {Vocabulary.Techs[TechPick.Next(random)].Name}",
            _ => $"{adjective} {thing} {noun}",
        };
    }

    private static string PortugueseDescription(Random random, Vocabulary.Tech? tech)
    {
        var text = $"{Pick(random, Vocabulary.PtOpenings)} {Pick(random, Vocabulary.PtVerbs)} {Vocabulary.PtObjects[PtObjectPick.Next(random)]}" +
            (tech is null ? "." : $" com {tech.Name}.") + " " + Pick(random, Vocabulary.PtClosings);
        return random.NextDouble() < 0.5 ? text + " " + Pick(random, Vocabulary.PtClosings) : text;
    }

    private static string EnglishDescription(Random random, Vocabulary.Tech? tech)
    {
        var text = $"{Pick(random, Vocabulary.EnOpenings)} {Pick(random, Vocabulary.EnVerbs)} {Vocabulary.EnObjects[EnObjectPick.Next(random)]} data" +
            (tech is null ? "." : $" with {tech.Name}.") + " " + Pick(random, Vocabulary.EnClosings);
        return random.NextDouble() < 0.5 ? text + " " + Pick(random, Vocabulary.EnClosings) : text;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static int WeightedIndex(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (random), as Guid.NewGuid() would be
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
