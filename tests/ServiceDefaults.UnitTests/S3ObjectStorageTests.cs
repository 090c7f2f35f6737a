using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using PocTracker.ServiceDefaults.Storage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>The S3 adapter against a mock S3 endpoint (WireMock): the requests it signs and sends, and how it reads answers.</summary>
public sealed class S3ObjectStorageTests : IDisposable
{
    private const string Bucket = "poctracker-reports";
    private readonly WireMockServer s3 = WireMockServer.Start();
    private readonly S3ObjectStorage storage;
    private readonly AmazonS3Client client;

    public S3ObjectStorageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["S3:ServiceUrl"] = s3.Url, ["S3:ForcePathStyle"] = "true",
        }).Build();
        client = new AmazonS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), ObjectStorageSetup.S3Config(configuration));
        storage = new S3ObjectStorage(client, Bucket);
    }

    [Fact]
    public async Task Put_sends_the_bytes_signed_with_their_media_type_and_kind_leaving_encryption_to_the_bucket()
    {
        s3.Given(Request.Create().WithPath($"/{Bucket}/t1/reports/j1/pocs.csv").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"abc\""));
        var bytes = Encoding.UTF8.GetBytes("\uFEFFid,name\r\n1,Ação\r\n");

        await storage.PutAsync("t1/reports/j1/pocs.csv", new MemoryStream(bytes), "text/csv; charset=utf-8", TestContext.Current.CancellationToken);

        var put = Assert.Single(s3.LogEntries, e => e.RequestMessage.Method == "PUT").RequestMessage;
        Assert.Equal(bytes, put.BodyAsBytes);
        Assert.StartsWith("text/csv", put.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.False(put.Headers.ContainsKey("x-amz-server-side-encryption")); // the bucket's own KMS key encrypts
        Assert.Equal("poctracker%3Akind=reports", put.Headers["x-amz-tagging"].Single());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", put.Headers["Authorization"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_reads_the_object_and_a_missing_one_is_null()
    {
        s3.Given(Request.Create().WithPath($"/{Bucket}/t1/a.pdf").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/pdf").WithBody("%PDF-1.7 test"));
        s3.Given(Request.Create().WithPath($"/{Bucket}/t1/gone.pdf").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/xml")
                .WithBody("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));

        await using var found = await storage.OpenReadAsync("t1/a.pdf", TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal("application/pdf", found.ContentType);
        Assert.Equal("%PDF-1.7 test", await new StreamReader(found.Content).ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Null(await storage.OpenReadAsync("t1/gone.pdf", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_direct_link_is_a_presigned_get_that_expires_and_names_the_file()
    {
        var link = storage.DirectDownloadUrl("t1/reports/j1/pocs.pdf", "pocs-2026-11-25.pdf", TimeSpan.FromMinutes(5))!;

        Assert.StartsWith(s3.Url + $"/{Bucket}/t1/reports/j1/pocs.pdf?", link.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        // The SDK turns the expiry time into seconds from its own clock when it signs, so a slow
        // moment between the two (a loaded CI machine) gives 299: five minutes, give or take a tick.
        Assert.InRange(int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture), 290, 300);
        Assert.False(string.IsNullOrEmpty(query["X-Amz-Signature"]));
        Assert.Equal("attachment; filename=\"pocs-2026-11-25.pdf\"", query["response-content-disposition"]);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/absolute")]
    [InlineData("Upper/case")]
    [InlineData("a//b")]
    public async Task Keys_that_could_escape_or_are_not_plain_paths_are_refused(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(key, TestContext.Current.CancellationToken));

    public void Dispose()
    {
        client.Dispose();
        s3.Stop();
        s3.Dispose();
    }
}
