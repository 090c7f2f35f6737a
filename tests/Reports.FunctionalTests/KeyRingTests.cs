using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// Download links are signed with the reports app's Data Protection key ring, which lives in the
/// reports database encrypted with the configured certificate: a link one replica made downloads from
/// another, each a process with a home folder of its own (as pods have, so no ring on disk is shared).
/// Production refuses to start without a key ring encryptor.
/// </summary>
public sealed class KeyRingTests(ReportsFixture reports, PostgresServerFixture postgres) : IClassFixture<ReportsFixture>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("poctracker-test-reports-replicas-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_link_made_by_one_replica_downloads_from_another()
    {
        var database = await postgres.NewDatabaseAsync("reports");
        var certificate = KeyRingCertificateFile.Create(folder.FullName);
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Relatório de réplica" });
        string link;
        await using (var first = await StartReplicaAsync(database, certificate, "first"))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                TestTokens.For(owner, audiences: [ReportsModule.AppId, PocsModule.AppId]));
            (link, _) = await DownloadLinkTests.FinishedJobLinkAsync(client);
        }

        await using var second = await StartReplicaAsync(database, certificate, "second");
        using var anonymous = new HttpClient();
        using var file = await anonymous.GetAsync(new Uri(second.BaseAddress, new Uri(link).PathAndQuery), Cancel);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("Relatório de réplica", await file.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var ring = await StoredKeyRingAsync(database);
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task In_production_without_a_key_ring_encryptor_the_app_refuses_to_start()
    {
        var database = await postgres.NewDatabaseAsync("reports");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartReplicaAsync(database, certificate: null, "refused"));

        Assert.StartsWith("The app exited", refused.Message, StringComparison.Ordinal);
        Assert.Contains("must be encrypted at rest: set KeyRing:KmsKeyId", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>A reports process (in Production, as deployed) over <paramref name="database"/>, with the objects folder every replica shares and a home folder of its own.</summary>
    private Task<AppProcess> StartReplicaAsync(AppDatabaseConnections database, string? certificate, string name)
    {
        var settings = new Dictionary<string, string?>(TestHostSettings.ForAppProcess(ReportsModule.AppId, database))
        {
            ["HOME"] = folder.CreateSubdirectory(name).FullName,
            ["Invocation__pocs__BaseAddress"] = reports.Pocs.Address.ToString(),
            ["Storage__LocalPath"] = Path.Combine(folder.FullName, "objects"),
        };
        if (certificate is not null)
        {
            settings["KeyRing__CertificateFile"] = certificate;
        }

        return AppProcess.StartAsync(AppProcess.BesideUs("PocTracker.Reports.dll"), settings, AppProcess.FreeLoopbackPort(), Cancel);
    }

    /// <summary>The stored ring's XML, read past the app as the schema owner.</summary>
    private static async Task<List<string>> StoredKeyRingAsync(AppDatabaseConnections database)
    {
        await using var connection = new NpgsqlConnection(database.Migrations);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("select xml from data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var ring = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            ring.Add(reader.GetString(0));
        }

        return ring;
    }
}
