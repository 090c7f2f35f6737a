using System.Net;
using PocTracker.Contracts.Pocs;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.SignIn;

namespace PocTracker.EndToEnd;

/// <summary>Signing up, signing in as a native tool, and the POC catalog through the SDK.</summary>
public sealed class PocTests(ProductUnderTest product)
{
    [Fact]
    public async Task A_new_organisation_signs_in_with_code_and_pkce_then_creates_searches_and_updates_pocs_with_etags()
    {
        using var owner = await Organisation.SignUpAsync(product, "Laboratório de Provas");
        Assert.NotNull(owner.Tokens.RefreshToken);
        Assert.True(owner.Tokens.ExpiresAt > DateTimeOffset.UtcNow);

        var created = await owner.Pocs.CreateAsync(new PocWriteRequest
        {
            Name = "Programação reativa", Language = "C#", Tags = ["Machine Learning", "busca"], Status = "in-progress",
            RepositoryUrl = "https://github.com/dotnet/reactive.git",
        });
        Assert.Equal(1, created.Version);
        Assert.Equal(owner.Id, created.OwnerId);
        Assert.Equal("csharp", created.Language);
        Assert.Equal(["machine-learning", "busca"], created.Tags);
        Assert.Equal("https://github.com/dotnet/reactive", created.RepositoryUrl);
        await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Outra coisa", Language = "go" });

        // Search: a part of the name without accents or case; a tag; the language.
        var byName = await owner.Pocs.SearchAsync(new PocSearchFilters { Name = "PROGRAMACAO" });
        Assert.Equal(created.Id, Assert.Single(byName.Items).Id);
        Assert.Equal(created.Id, Assert.Single((await owner.Pocs.SearchAsync(new PocSearchFilters { Tags = "machine-learning" })).Items).Id);
        Assert.Equal(2, (await owner.Pocs.SearchAsync(new PocSearchFilters())).Total);

        // An update from the version read; a second one from the same (now stale) version is refused, and nothing is lost.
        var updated = await owner.Pocs.UpdateAsync(created.Id, created.Version, new PocWriteRequest { Name = "Programação reativa", Status = "done", Language = "csharp" });
        Assert.Equal(2, updated.Version);
        Assert.Equal("done", updated.Status);
        var stale = await Assert.ThrowsAsync<PocTrackerProblemException>(() =>
            owner.Pocs.UpdateAsync(created.Id, created.Version, new PocWriteRequest { Name = "Overwrite", Status = "dropped" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        var read = await owner.Pocs.GetAsync(created.Id);
        Assert.Equal(("done", 2), (read.Status, read.Version));
        Assert.Equal(created.Id, Assert.Single((await owner.Pocs.SearchAsync(new PocSearchFilters { Status = "done" })).Items).Id);

        // A field error names the field, as RFC 9457 problem details.
        var invalid = await Assert.ThrowsAsync<PocTrackerProblemException>(() =>
            owner.Pocs.CreateAsync(new PocWriteRequest { Name = "x", RepositoryUrl = "https://gitlab.com/a/b" }));
        Assert.Equal(("validation-failed", HttpStatusCode.BadRequest), (invalid.Code, invalid.Status));
        Assert.Contains("repositoryUrl", invalid.Errors.Keys);
    }

    [Fact]
    public async Task A_session_whose_access_token_expires_refreshes_it_with_the_rotating_refresh_token_and_goes_on()
    {
        using var owner = await Organisation.SignUpAsync(product, "Sessão Renovada");
        var store = new InMemoryTokenStore();
        using var anonymous = new HttpClient { BaseAddress = owner.Server };
        using var session = new TokenSession(new SignInClient(anonymous), "poctracker-cli", store);
        await session.SignedInAsync(owner.Tokens with { ExpiresAt = DateTimeOffset.UtcNow }); // as if ten minutes had passed

        using var api = new HttpClient(new AccessTokenHandler(owner.Server, async cancellationToken =>
            await session.GetAccessTokenAsync(cancellationToken) ?? throw new InvalidOperationException("The session signed out."))) { BaseAddress = owner.Server };
        var created = await new PocsClient(api).CreateAsync(new PocWriteRequest { Name = "Depois da renovação", Language = "go" });

        var renewed = await store.ReadAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(owner.Tokens.AccessToken, renewed!.AccessToken);
        Assert.NotEqual(owner.Tokens.RefreshToken, renewed.RefreshToken); // rotated: the one sent is spent
        Assert.True(renewed.ExpiresAt > DateTimeOffset.UtcNow + TokenSession.RenewAhead);
        Assert.Equal(owner.Id, created.OwnerId);
    }
}
