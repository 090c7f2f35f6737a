using System.Net;
using System.Net.Http.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

public sealed class PocLifecycleTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private readonly TestUser owner = TestUser.NewTenantOwner();

    [Fact]
    public async Task Create_answers_201_with_location_etag_and_the_normalised_poc()
    {
        var client = api.ClientFor(owner);

        using var response = await client.PostAsJsonAsync("/api/pocs", new PocWriteRequest
        {
            Name = "  Leitor de boletos  ", Description = "OCR", Language = "Golang", Tags = ["Machine Learning", "OCR", "ocr"],
            RepositoryUrl = "https://github.com/otiai10/gosseract.git", Status = "in-progress", StartedOn = new DateOnly(2026, 5, 2),
            Notes = "# Notas\n- usar **Tesseract**",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var poc = (await response.Content.ReadFromJsonAsync<PocDto>())!;
        Assert.Equal($"/api/pocs/{poc.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETagOf());
        Assert.Equal("Leitor de boletos", poc.Name);
        Assert.Equal("go", poc.Language);
        Assert.Equal("Go", poc.LanguageDisplayName);
        Assert.Equal(["machine-learning", "ocr"], poc.Tags);
        Assert.Equal("https://github.com/otiai10/gosseract", poc.RepositoryUrl);
        Assert.Equal("in-progress", poc.Status);
        Assert.Equal("tenant", poc.Visibility);
        Assert.Equal(owner.UserId, poc.OwnerId);
        Assert.Equal(1, poc.Version);
        Assert.Equal(poc.CreatedAt, poc.UpdatedAt);
    }

    [Fact]
    public async Task Read_update_and_delete_follow_the_etag()
    {
        var client = api.ClientFor(owner);
        var created = await client.CreatePocAsync("Primeira versão", "python", ["a"]);

        using var read = await client.GetAsync($"/api/pocs/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.ETagOf());
        PocsClient.AssertSamePoc(created, await read.Content.ReadFromJsonAsync<PocDto>());

        using var updated = await client.PutPocAsync(created.Id, new PocWriteRequest { Name = "Segunda versão", Language = "rust", Status = "done" }, read.ETagOf());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.ETagOf());
        var after = (await updated.Content.ReadFromJsonAsync<PocDto>())!;
        Assert.Equal(("Segunda versão", "rust", "done", 2), (after.Name, after.Language, after.Status, after.Version));
        Assert.Empty(after.Tags);
        Assert.Equal(created.CreatedAt, after.CreatedAt);
        Assert.True(after.UpdatedAt >= created.UpdatedAt);

        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"/api/pocs/{created.Id}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var staleResponse = await client.SendAsync(staleDelete);
        await staleResponse.ReadProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");

        using var deleted = await client.DeleteAsync($"/api/pocs/{created.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"/api/pocs/{created.Id}");
        await gone.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var deletedAgain = await client.DeleteAsync($"/api/pocs/{created.Id}");
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task Update_without_if_match_is_428_and_with_a_stale_etag_is_412_and_changes_nothing()
    {
        var client = api.ClientFor(owner);
        var created = await client.CreatePocAsync("Concorrência");
        using var first = await client.PutPocAsync(created.Id, new PocWriteRequest { Name = "v2" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var missing = await client.PutPocAsync(created.Id, new PocWriteRequest { Name = "sem if-match" }, ifMatch: null);
        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        using var stale = await client.PutPocAsync(created.Id, new PocWriteRequest { Name = "atrasado" }, "\"1\"");
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");

        var current = await client.GetFromJsonAsync<PocDto>($"/api/pocs/{created.Id}");
        Assert.Equal(("v2", 2), (current!.Name, current.Version));
    }

    [Fact]
    public async Task Of_concurrent_updates_with_the_same_etag_exactly_one_wins()
    {
        var client = api.ClientFor(owner);
        var created = await client.CreatePocAsync("Corrida");

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            client.PutPocAsync(created.Id, new PocWriteRequest { Name = $"escritor {i}" }, "\"1\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = await responses.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<PocDto>();
        var current = await client.GetFromJsonAsync<PocDto>($"/api/pocs/{created.Id}");
        Assert.Equal((winner!.Name, 2), (current!.Name, current.Version));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Members_see_tenant_pocs_and_their_own_private_ones_but_change_only_their_own()
    {
        var admin = owner.Colleague("admin");
        var alice = owner.Colleague();
        var bob = owner.Colleague();
        var shared = await api.ClientFor(alice).CreatePocAsync("Da Alice, para todos", visibility: "tenant");
        var secret = await api.ClientFor(alice).CreatePocAsync("Da Alice, privado", visibility: "private");
        var bobs = api.ClientFor(bob);

        using var readShared = await bobs.GetAsync($"/api/pocs/{shared.Id}");
        Assert.Equal(HttpStatusCode.OK, readShared.StatusCode);
        using var readSecret = await bobs.GetAsync($"/api/pocs/{secret.Id}");
        await readSecret.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var changeShared = await bobs.PutPocAsync(shared.Id, new PocWriteRequest { Name = "do Bob agora" }, "\"1\"");
        await changeShared.ReadProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var deleteShared = await bobs.DeleteAsync($"/api/pocs/{shared.Id}");
        await deleteShared.ReadProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain("Da Alice, privado", await bobs.SearchNamesAsync("owner=all&limit=100"));

        var admins = api.ClientFor(admin);
        Assert.Contains("Da Alice, privado", await admins.SearchNamesAsync("limit=100"));
        using var adminChange = await admins.PutPocAsync(secret.Id, new PocWriteRequest { Name = "Revisado pelo admin", Visibility = "private" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, adminChange.StatusCode);
        var stillAlices = await api.ClientFor(alice).GetFromJsonAsync<PocDto>($"/api/pocs/{secret.Id}");
        Assert.Equal(alice.UserId, stillAlices!.OwnerId);
    }
}
