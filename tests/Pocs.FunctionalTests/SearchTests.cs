using System.Net.Http.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Search;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

public sealed class SearchTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>, IAsyncLifetime
{
    private readonly TestUser owner = TestUser.NewTenantOwner();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = api.ClientFor(owner);
        await client.CreatePocAsync("Programação Funcional com F#", "F#", ["programação-funcional", "dotnet"], description: "Railway oriented programming");
        await client.CreatePocAsync("Busca com pg_trgm", "c#", ["postgresql", "busca", "dotnet"], description: "Índices trigram para busca parcial");
        await client.CreatePocAsync("Pix QR code", "python", ["pagamentos", "pix"], description: "Gerar BR Code", status: "done");
        await client.CreatePocAsync("Leitor de boletos", "python", ["ocr", "pagamentos"], description: "Tesseract para ler boletos", status: "done");
        await client.CreatePocAsync("Editor realtime", "TypeScript", ["realtime", "ot"], description: "Operational transformation, compatível com a busca? não");
        await client.CreatePocAsync("100% de cobertura_total", "rust", ["testes"]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("programacao")]
    [InlineData("PROGRAMAÇÃO")]
    [InlineData("gramaç")]
    [InlineData("funcional com f")]
    public async Task Name_matches_partially_ignoring_case_and_accents(string name) =>
        Assert.Equal(["Programação Funcional com F#"], await client.SearchNamesAsync($"name={Uri.EscapeDataString(name)}"));

    [Fact]
    public async Task Like_wildcards_in_a_name_are_literal()
    {
        Assert.Equal(["100% de cobertura_total"], await client.SearchNamesAsync("name=" + Uri.EscapeDataString("0% de cobertura_")));
        Assert.Empty(await client.SearchNamesAsync("name=" + Uri.EscapeDataString("pix_")));
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("C%23")]
    [InlineData("c%23")]
    public async Task Language_matches_exactly_after_normalisation(string language) =>
        Assert.Equal(["Busca com pg_trgm"], await client.SearchNamesAsync($"language={language}"));

    [Fact]
    public async Task Tags_match_any_by_default_and_all_on_request()
    {
        var any = await client.SearchNamesAsync("tags=pix,ocr&sort=name");
        var all = await client.SearchNamesAsync("tags=pagamentos,pix&tagMode=all");

        Assert.Equal(["Leitor de boletos", "Pix QR code"], any);
        Assert.Equal(["Pix QR code"], all);
    }

    [Fact]
    public async Task Tag_search_ignores_accents_and_spelling() =>
        Assert.Equal(["Programação Funcional com F#"], await client.SearchNamesAsync("tags=" + Uri.EscapeDataString("Programacao Funcional")));

    [Fact]
    public async Task Free_text_searches_name_description_and_tags_ranked_with_name_first()
    {
        var names = await client.SearchNamesAsync("q=busca");

        // "busca" is in the first POC's name and tags, and only in the description of the editor.
        Assert.Equal(["Busca com pg_trgm", "Editor realtime"], names);
        Assert.Equal(["Leitor de boletos"], await client.SearchNamesAsync("q=tesser"));
        Assert.Equal(["Pix QR code"], await client.SearchNamesAsync("q=pix"));
    }

    // PostgreSQL's parser reads "3e5a0b9c1d" as the number 3e5 and the word a0b9c1d, "1e10ab" as 1e10 and ab: the
    // POC's terms are those pieces, and a query word must be cut the same way to find them (migration 0006).
    [Theory]
    [InlineData("3e5a0b9c1d")]
    [InlineData("3E5A0B9C1D")]
    [InlineData("3e5a0")]
    [InlineData("1e10ab")]
    [InlineData("app 1e10ab")]
    public async Task Free_text_finds_words_the_parser_reads_as_numbers_on_both_search_paths(string words)
    {
        await client.CreatePocAsync("App móvel 3e5a0b9c1d 1e10ab", "kotlin", ["mobile"]);
        var query = "q=" + Uri.EscapeDataString(words);

        Assert.Equal(["App móvel 3e5a0b9c1d 1e10ab"], await SearchNamesByPathAsync(query, "index"));
        Assert.Equal(["App móvel 3e5a0b9c1d 1e10ab"], await SearchNamesByPathAsync(query + "&sort=name", "database"));
        Assert.Empty(await SearchNamesByPathAsync("q=3e5a1", "index"));
        Assert.Empty(await SearchNamesByPathAsync("q=3e5a1&sort=name", "database"));
    }

    private async Task<List<string>> SearchNamesByPathAsync(string query, string path)
    {
        using var response = await client.GetAsync("/api/pocs?" + query);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"desc=\"{path}\"", string.Join(",", response.Headers.GetValues("Server-Timing")), StringComparison.Ordinal);
        return [.. (await response.Content.ReadFromJsonAsync<PocPage>())!.Items.Select(p => p.Name)];
    }

    [Fact]
    public async Task Filters_combine()
    {
        Assert.Equal(["Pix QR code"], await client.SearchNamesAsync("language=python&tags=pix&status=done&q=gerar"));
        Assert.Empty(await client.SearchNamesAsync("language=python&tags=realtime"));
        Assert.Equal(2, (await client.SearchAsync("status=done")).Total);
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("oldest")]
    [InlineData("updated")]
    [InlineData("name")]
    public async Task Keyset_pages_walk_every_poc_once_in_order(string sort)
    {
        var everything = await client.SearchNamesAsync($"sort={sort}&limit=100");
        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.SearchAsync($"sort={sort}&limit=4" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.True(page.Items.Count <= 4);
            Assert.Equal(6, page.Total);
            Assert.True(page.TotalIsExact);
            walked.AddRange(page.Items.Select(p => p.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(6, everything.Length);
        Assert.Equal(everything, walked);
        if (sort == "name")
        {
            Assert.Equal("100% de cobertura_total", walked[0]);
        }
    }

    [Fact]
    public async Task Relevance_pages_follow_the_ranking()
    {
        var all = await client.SearchNamesAsync("q=pagamentos&limit=100");
        var first = await client.SearchAsync("q=pagamentos&limit=1");
        var second = await client.SearchAsync($"q=pagamentos&limit=1&cursor={first.NextCursor}");

        Assert.Equal(2, all.Length);
        Assert.Equal(all, first.Items.Concat(second.Items).Select(p => p.Name));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task The_count_is_exact_up_to_its_cap_and_a_lower_bound_beyond()
    {
        var busy = api.ClientFor(TestUser.NewTenantOwner());
        for (var i = 0; i < SearchPocs.CountCap + 1; i++)
        {
            await busy.CreatePocAsync($"POC número {i}", "go");
        }

        var capped = await busy.SearchAsync("language=go&limit=5");
        var exact = await busy.SearchAsync("language=go&name=" + Uri.EscapeDataString("número 1"));

        Assert.Equal((SearchPocs.CountCap, false), (capped.Total, capped.TotalIsExact));
        Assert.Equal((12, true), (exact.Total, exact.TotalIsExact)); // 1, 10–19, 100
    }

    [Fact]
    public async Task Owner_me_returns_only_the_callers_pocs()
    {
        var colleague = owner.Colleague();
        await api.ClientFor(colleague).CreatePocAsync("Do colega");

        Assert.Equal(["Do colega"], await api.ClientFor(colleague).SearchNamesAsync("owner=me"));
        Assert.DoesNotContain("Do colega", await client.SearchNamesAsync("owner=me&limit=100"));
    }

    [Fact]
    public async Task Facets_count_languages_tags_and_statuses()
    {
        var facets = await api.ClientFor(owner.Colleague("admin")).GetFromJsonAsync<PocFacets>("/api/pocs/facets");

        Assert.Contains(new FacetCount("python", "Python", 2), facets!.Languages);
        Assert.Contains(new FacetCount("csharp", "C#", 1), facets.Languages);
        Assert.Contains(new FacetCount("pagamentos", "pagamentos", 2), facets.Tags);
        Assert.Contains(new FacetCount("dotnet", "dotnet", 2), facets.Tags);
        Assert.Contains(new FacetCount("done", "done", 2), facets.Statuses);
    }
}
