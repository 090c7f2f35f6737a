using System.Net;
using System.Net.Http.Json;
using System.Text;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Bad input of every kind gets a 400 problem that names what was wrong, and writes nothing.</summary>
public sealed class BadInputTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    public static TheoryData<string, string, string> BadBodies => new()
    {
        // label, JSON body, field the problem must name
        { "missing name", """{"description":"sem nome"}""", "name" },
        { "blank name", """{"name":"   "}""", "name" },
        { "oversized name", $$"""{"name":"{{new string('n', 201)}}"}""", "name" },
        { "oversized description", $$"""{"name":"ok","description":"{{new string('d', 10_001)}}"}""", "description" },
        { "unknown status", """{"name":"ok","status":"finished"}""", "status" },
        { "unknown visibility", """{"name":"ok","visibility":"public"}""", "visibility" },
        { "non-GitHub URL", """{"name":"ok","repositoryUrl":"https://gitlab.com/group/project"}""", "repositoryUrl" },
        { "21 tags", $$"""{"name":"ok","tags":[{{string.Join(',', Enumerable.Range(1, 21).Select(i => $"\"t{i}\""))}}]}""", "tags" },
        { "empty tag", """{"name":"ok","tags":["ok","  "]}""", "tags[1]" },
        { "oversized tag", $$"""{"name":"ok","tags":["{{new string('t', 41)}}"]}""", "tags[0]" },
        { "NUL in name", """{"name":"a\u0000b"}""", "name" },
        { "finished before started", """{"name":"ok","startedOn":"2026-05-01","finishedOn":"2026-04-01"}""", "finishedOn" },
        { "wrong type", """{"name":42}""", "$.name" },
        { "bad date", """{"name":"ok","startedOn":"ontem"}""", "$.startedOn" },
        { "tags not an array", """{"name":"ok","tags":"a,b"}""", "$.tags" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_create_bodies_are_400_naming_the_field_and_write_nothing(string label, string body, string field)
    {
        var user = TestUser.NewTenantOwner();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.ClientFor(user).PostAsync("/api/pocs", content);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, field.StartsWith('$') ? "malformed-request" : "validation-failed");
        Assert.True(problem.ErrorFields().Contains(field), $"{label}: expected an error for {field}, got {string.Join(", ", problem.ErrorFields())}");
        Assert.Equal(0, await api.CountPocsAsync(user.TenantId));
    }

    [Theory]
    [InlineData("{\"name\": \"unterminated")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing(string body)
    {
        var user = TestUser.NewTenantOwner();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.ClientFor(user).PostAsync("/api/pocs", content);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(0, await api.CountPocsAsync(user.TenantId));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var content = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.ClientFor(TestUser.NewTenantOwner()).PostAsync("/api/pocs", content);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_bad_update_leaves_the_poc_as_it_was()
    {
        var client = api.ClientFor(TestUser.NewTenantOwner());
        var poc = await client.CreatePocAsync("Intacto", "go", ["a"]);

        using var response = await client.PutPocAsync(poc.Id, new PocWriteRequest { Name = "Mudado", RepositoryUrl = "https://bitbucket.org/a/b" }, "\"1\"");

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        PocsClient.AssertSamePoc(poc, await client.GetFromJsonAsync<PocDto>($"/api/pocs/{poc.Id}"));
    }

    [Theory]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("cursor=%%%", "cursor")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("tagMode=most", "tagMode")]
    [InlineData("status=finished", "status")]
    [InlineData("sort=price", "sort")]
    [InlineData("owner=them", "owner")]
    [InlineData("name=a%00b", "name")]
    public async Task Bad_search_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var response = await api.ClientFor(TestUser.NewTenantOwner()).GetAsync("/api/pocs?" + query);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Theory]
    [InlineData("/api/pocs/not-a-guid")]
    [InlineData("/api/nothing-here")]
    public async Task Unknown_routes_are_404_problems(string path)
    {
        using var response = await api.ClientFor(TestUser.NewTenantOwner()).GetAsync(path);

        await response.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await api.ClientFor(TestUser.NewTenantOwner()).PatchAsync($"/api/pocs/{Guid.NewGuid()}", JsonContent.Create(new { }));

        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
