using System.Net;
using PocTracker.Sdk.Problems;
using PocTracker.Web.Problems;

namespace PocTracker.Web.Tests;

public sealed class ProblemViewTests : WebTestContext
{
    private static readonly PocTrackerProblemException Validation = new(HttpStatusCode.BadRequest, new PocTrackerProblem
    {
        Type = "https://poctracker.dev/problems/validation-failed",
        Code = "validation-failed",
        Title = "The request is not valid.",
        Status = 400,
        Detail = "2 fields are not valid.",
        Errors = new Dictionary<string, IReadOnlyList<string>>
        {
            ["name"] = ["Name is required."],
            ["repositoryUrl"] = ["Only GitHub repositories are accepted.", "Use https."],
        },
    });

    [Fact]
    public void A_validation_problem_shows_its_title_detail_and_every_field_error_by_field()
    {
        var view = Render<ProblemView>(p => p.Add(v => v.Error, Validation).Add(v => v.FieldLabel, field => field == "name" ? "Name" : field));

        Assert.Equal("alert", view.Find(".problem").GetAttribute("role"));
        Assert.Equal("The request is not valid.", view.Find(".problem-title").TextContent);
        Assert.Equal("2 fields are not valid.", view.Find(".problem-detail").TextContent);
        var fields = view.FindAll(".problem-fields li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Name: Name is required.", "repositoryUrl: Only GitHub repositories are accepted. Use https."], fields);
    }

    [Fact]
    public void A_field_error_shows_only_its_fields_messages_and_nothing_for_a_field_without_any()
    {
        var url = Render<FieldError>(p => p.Add(f => f.Error, Validation).Add(f => f.Field, "RepositoryUrl").Add(f => f.Id, "url-error"));
        var tags = Render<FieldError>(p => p.Add(f => f.Error, Validation).Add(f => f.Field, "tags"));

        Assert.Equal("Only GitHub repositories are accepted. Use https.", url.Find("#url-error").TextContent);
        Assert.Empty(tags.Markup.Trim());
    }

    [Fact]
    public void No_answer_at_all_says_so_and_a_401_offers_to_sign_in_again()
    {
        var unreachable = Render<ProblemView>(p => p.Add(v => v.Error, new HttpRequestException("connection refused")));
        var expired = Render<ProblemView>(p => p.Add(v => v.Error, new PocTrackerProblemException(HttpStatusCode.Unauthorized, null)));

        Assert.Equal("No answer from the server.", unreachable.Find(".problem-title").TextContent);
        Assert.Equal("The server answered 401.", expired.Find(".problem-title").TextContent);
        Assert.Equal("Sign in again", expired.Find("a.button").TextContent);
    }

    [Fact]
    public void Nothing_is_shown_without_an_error()
    {
        Assert.Empty(Render<ProblemView>().Markup.Trim());
    }
}
