using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PocTracker.ServiceDefaults.Requests;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>An endpoint gets only the body media types it declares: JSON in UTF-8, forms that can be read.</summary>
public sealed class RequestMediaTypesTests : IAsyncLifetime
{
    private KestrelTestApp app = null!;

    public sealed record Greeting(string Name);

    public async ValueTask InitializeAsync() =>
        app = await KestrelTestApp.StartAsync(
            _ => { },
            web =>
            {
                web.UseRequestMediaTypes();
                web.MapPost("/json", (Greeting greeting) => "hello " + greeting.Name);
                web.MapPost("/form", async (HttpContext context) => "hello " + (await context.Request.ReadFormAsync()).Count).AcceptsForm();
            });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType)
    {
        using var client = app.Client();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/merge-patch+json; charset=latin1")]
    public async Task A_json_body_in_another_charset_is_a_415_problem(string contentType)
    {
        using var response = await PostAsync("/json", """{"name":"Ana"}""", contentType);

        await response.ReadProblemAsync(415, "unsupported-media-type");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json;charset=\"UTF-8\"; v=1")]
    public async Task A_json_body_in_utf8_is_read_however_the_charset_is_written(string contentType)
    {
        using var response = await PostAsync("/json", """{"name":"Ana"}""", contentType);

        Assert.Equal("hello Ana", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/json", "text/plain")]
    [InlineData("/json", "*/*")]
    [InlineData("/json", "application/json;;")]
    [InlineData("/form", "application/json")]
    [InlineData("/form", "text/plain")]
    public async Task A_body_of_a_media_type_the_endpoint_does_not_read_is_a_415_problem(string path, string contentType)
    {
        using var response = await PostAsync(path, "a=1", contentType);

        await response.ReadProblemAsync(415, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415_problem()
    {
        using var client = app.Client();
        using var response = await client.PostAsync("/form", new ByteArrayContent("a=1"u8.ToArray()), TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(415, "unsupported-media-type");
    }

    [Fact]
    public async Task A_form_is_read_once_for_its_handler()
    {
        using var response = await PostAsync("/form", "a=1&b=2", "application/x-www-form-urlencoded; charset=klingon");

        Assert.Equal("hello 2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1")]
    [InlineData("application/x-www-form-urlencoded", "")]
    public async Task A_form_that_cannot_be_read_is_a_400_problem(string contentType, string body)
    {
        // The last case: more values than the form reader's limit (1,024).
        var form = body.Length > 0 ? body : string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=v"));

        using var response = await PostAsync("/form", form, contentType);

        await response.ReadProblemAsync(400, "malformed-request");
    }

    [Fact]
    public async Task A_post_without_a_body_to_a_form_reads_as_an_empty_form()
    {
        using var client = app.Client();

        using var response = await client.PostAsync("/form", content: null, TestContext.Current.CancellationToken);

        Assert.Equal("hello 0", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_request_without_a_body_is_left_to_the_endpoint()
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/json");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // The framework's answer for a missing JSON body, not a 415 from us.
        await response.ReadProblemAsync(400, "malformed-request");
    }
}
