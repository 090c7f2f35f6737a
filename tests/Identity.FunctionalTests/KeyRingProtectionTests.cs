using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using PocTracker.Identity.SigningKeys;
using PocTracker.ServiceDefaults.DataProtection;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The Data Protection key ring (which protects the signing keys and the TOTP secrets) is stored in
/// the identity database encrypted with a key that is not there: a certificate file, or AWS KMS
/// (WireMock standing in for KMS's JSON API). Production refuses to run without one.
/// </summary>
public sealed class KeyRingProtectionTests(PostgresServerFixture postgres) : IDisposable
{
    private const string KmsKeyId = "alias/poctracker-identity-key-ring";
    private const string KmsKeyArn = "arn:aws:kms:sa-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Secret = "a TOTP secret, say";
    private readonly string folder = Directory.CreateTempSubdirectory("poctracker-key-ring-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_certificate_the_ring_is_stored_encrypted_and_read_again_after_a_restart_with_the_same_file()
    {
        var certificate = NewCertificateFile();
        await using var identity = new KeyRingIdentity(postgres, "Production", ("KeyRing:CertificateFile", certificate));
        await identity.InitializeAsync();
        var signingKey = await CurrentSigningKeyIdAsync(identity);
        var protectedSecret = Protector(identity).Protect(Secret);

        var stored = await StoredKeyRingAsync(identity.Database);
        Assert.NotEmpty(stored);
        Assert.All(stored.Values, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        });

        // A restarted replica: a new host over the same database, with the same key file.
        await using (var restarted = identity.WithWebHostBuilder(_ => { }))
        {
            Assert.Equal(signingKey, await CurrentSigningKeyIdAsync(restarted));
            Assert.Equal(Secret, Protector(restarted).Unprotect(protectedSecret));
        }

        // Whoever has the database but another key reads nothing.
        await using var stranger = identity.WithWebHostBuilder(builder => builder.UseSetting("KeyRing:CertificateFile", NewCertificateFile()));
        Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(protectedSecret));
    }

    [Fact]
    public async Task In_production_without_a_key_ring_encryptor_the_app_refuses_to_start()
    {
        // The identity app's Data Protection set-up on a host of its own: WebApplicationFactory loses the start-up
        // exception of an app that fails fast (its deferred host reads the disposed app's services first, an
        // ObjectDisposedException one run in a few), while a host's StartAsync throws what ValidateOnStart found.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.AddKeyRing(IdentityModule.AppId, IdentityModule.KeyRingApplicationName);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("the identity database's data_protection_keys) must be encrypted at rest: set KeyRing:KmsKeyId", refused.Message, StringComparison.Ordinal);
        Assert.Contains("or KeyRing:CertificateFile", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_aws_kms_only_ciphertext_is_stored_and_kms_opens_it_after_a_restart()
    {
        using var kms = WireMockServer.Start();
        var ciphertext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(180));
        kms.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "TrentService.Encrypt"))
            .RespondWith(KmsAnswer(new { CiphertextBlob = ciphertext, KeyId = KmsKeyArn, EncryptionAlgorithm = "SYMMETRIC_DEFAULT" }));
        await using var identity = new KeyRingIdentity(postgres, "Production", ("KeyRing:KmsKeyId", KmsKeyId)) { Kms = kms.Url };
        await identity.InitializeAsync();
        var signingKey = await CurrentSigningKeyIdAsync(identity);

        // What went to KMS: the ring key's secret, for our key, bound to the key ring's context, signed.
        var encrypt = Assert.Single(kms.LogEntries).RequestMessage;
        var sent = JsonDocument.Parse(encrypt.Body!).RootElement;
        Assert.Equal(KmsKeyId, sent.GetProperty("KeyId").GetString());
        Assert.Equal("data-protection-key-ring", sent.GetProperty("EncryptionContext").GetProperty("purpose").GetString());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", encrypt.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        var plaintext = sent.GetProperty("Plaintext").GetString()!;
        Assert.Contains("<masterKey", Encoding.UTF8.GetString(Convert.FromBase64String(plaintext)), StringComparison.Ordinal);

        // What the database holds: KMS's ciphertext, and neither the secret nor any clear key.
        var stored = Assert.Single((await StoredKeyRingAsync(identity.Database)).Values);
        Assert.Contains(ciphertext, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, stored, StringComparison.Ordinal);

        // A restarted replica asks KMS to decrypt that ciphertext, naming the key that made it.
        kms.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "TrentService.Decrypt"))
            .RespondWith(KmsAnswer(new { Plaintext = plaintext, KeyId = KmsKeyArn, EncryptionAlgorithm = "SYMMETRIC_DEFAULT" }));
        await using var restarted = identity.WithWebHostBuilder(_ => { });
        Assert.Equal(signingKey, await CurrentSigningKeyIdAsync(restarted));
        var decrypt = JsonDocument.Parse(Assert.Single(kms.LogEntries, e => e.RequestMessage.Headers!["X-Amz-Target"].Single() == "TrentService.Decrypt").RequestMessage.Body!).RootElement;
        Assert.Equal((ciphertext, KmsKeyArn), (decrypt.GetProperty("CiphertextBlob").GetString(), decrypt.GetProperty("KeyId").GetString()));
        Assert.Equal("poctracker-identity", decrypt.GetProperty("EncryptionContext").GetProperty("app").GetString());
    }

    [Fact]
    public async Task A_ring_key_that_kms_encrypted_before_the_key_ring_moved_to_service_defaults_still_opens()
    {
        using var kms = WireMockServer.Start();
        var ciphertext = Convert.ToBase64String(RandomNumberGenerator.GetBytes(180));
        kms.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "TrentService.Encrypt"))
            .RespondWith(KmsAnswer(new { CiphertextBlob = ciphertext, KeyId = KmsKeyArn, EncryptionAlgorithm = "SYMMETRIC_DEFAULT" }));
        await using var identity = new KeyRingIdentity(postgres, "Production", ("KeyRing:KmsKeyId", KmsKeyId)) { Kms = kms.Url };
        await identity.InitializeAsync();
        var signingKey = await CurrentSigningKeyIdAsync(identity);
        var plaintext = JsonDocument.Parse(Assert.Single(kms.LogEntries).RequestMessage.Body!).RootElement.GetProperty("Plaintext").GetString()!;

        // The row as the identity app wrote it then: Data Protection names the decryptor's type beside the key.
        await using (var connection = new NpgsqlConnection(identity.Database.Migrations))
        {
            await connection.OpenAsync(Cancel);
            await using var rewrite = new NpgsqlCommand(
                "update data_protection_keys set xml = replace(xml, @current, @old)", connection);
            rewrite.Parameters.AddWithValue("current", "PocTracker.ServiceDefaults.DataProtection.KmsXmlDecryptor, PocTracker.ServiceDefaults,");
            rewrite.Parameters.AddWithValue("old", "PocTracker.Identity.KeyRingProtection.KmsXmlDecryptor, PocTracker.Identity,");
            Assert.Equal(1, await rewrite.ExecuteNonQueryAsync(Cancel));
        }

        kms.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "TrentService.Decrypt"))
            .RespondWith(KmsAnswer(new { Plaintext = plaintext, KeyId = KmsKeyArn, EncryptionAlgorithm = "SYMMETRIC_DEFAULT" }));
        await using var restarted = identity.WithWebHostBuilder(_ => { });

        Assert.Equal(signingKey, await CurrentSigningKeyIdAsync(restarted));
        Assert.Contains(kms.LogEntries, e => e.RequestMessage.Headers!["X-Amz-Target"].Single() == "TrentService.Decrypt");
    }

    [Fact]
    public async Task Rotating_after_encryption_is_switched_on_leaves_no_private_key_behind_a_clear_ring_key()
    {
        await using var before = new KeyRingIdentity(postgres, "Development");
        await before.InitializeAsync();
        var oldSigningKey = await CurrentSigningKeyIdAsync(before);
        Assert.Contains((await StoredKeyRingAsync(before.Database)).Values, xml => xml.Contains("<masterKey", StringComparison.Ordinal)); // as every ring was

        var certificate = NewCertificateFile();
        await using var encrypted = before.WithWebHostBuilder(builder => builder.UseSetting("KeyRing:CertificateFile", certificate));
        await SigningKeysConfiguration.RotateAsync(encrypted.Services, TimeProvider.System, Cancel);

        var ring = await StoredKeyRingAsync(before.Database);
        var privateKeys = await StoredPrivateKeysAsync(before.Database);
        Assert.Equal(3, privateKeys.Count); // the old signing key, the encryption key, the new signing key
        Assert.All(privateKeys, key => Assert.DoesNotContain("masterKey", ring[key.RingKeyId], StringComparison.Ordinal));

        // Replicas restarted after the rotation sign with the new key and still publish the old one.
        await using var restarted = before.WithWebHostBuilder(builder => builder.UseSetting("KeyRing:CertificateFile", certificate));
        var published = new JsonWebKeySet(await restarted.CreateClient().GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), Cancel));
        Assert.Contains(oldSigningKey, published.Keys.Select(k => k.Kid));
        Assert.NotEqual(oldSigningKey, published.Keys[0].Kid);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temporary folder
        }
    }

    private string NewCertificateFile() => KeyRingCertificateFile.Create(folder);

    private static IDataProtector Protector(WebApplicationFactory<IdentityEntryPoint> host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("PocTracker.Identity.FunctionalTests.KeyRing");

    /// <summary>The kid the identity app signs with now (the first published signing key).</summary>
    private static async Task<string> CurrentSigningKeyIdAsync(WebApplicationFactory<IdentityEntryPoint> host)
    {
        var keys = new JsonWebKeySet(await host.CreateClient().GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative), Cancel));
        return keys.Keys.First(k => k.Use == "sig").Kid;
    }

    /// <summary>The stored ring, key id → XML, read past the app as the schema owner.</summary>
    private static async Task<Dictionary<Guid, string>> StoredKeyRingAsync(AppDatabaseConnections database)
    {
        await using var connection = new NpgsqlConnection(database.Migrations);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("select xml from data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var ring = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(Cancel))
        {
            var xml = reader.GetString(0);
            ring[Guid.Parse((string)XElement.Parse(xml).Attribute("id")!)] = xml;
        }

        return ring;
    }

    /// <summary>Each stored private key with the id of the ring key that protects it (from the Data Protection payload's header).</summary>
    private static async Task<List<(string KeyId, Guid RingKeyId)>> StoredPrivateKeysAsync(AppDatabaseConnections database)
    {
        await using var connection = new NpgsqlConnection(database.Migrations);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("select key_id, protected_private_key from signing_keys", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var keys = new List<(string, Guid)>();
        while (await reader.ReadAsync(Cancel))
        {
            // A payload starts with a 4-byte magic header, then the ring key's id.
            var payload = Base64Url.DecodeFromChars(reader.GetString(1));
            keys.Add((reader.GetString(0), new Guid(payload.AsSpan(4, 16))));
        }

        return keys;
    }

    private static IResponseBuilder KmsAnswer(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody(JsonSerializer.Serialize(body));

    /// <summary>
    /// The identity app in <paramref name="environment"/> with key ring settings; with <see cref="Kms"/>,
    /// its KMS client talks to that address with test credentials (production takes the pod's role).
    /// </summary>
    private sealed class KeyRingIdentity(PostgresServerFixture postgres, string environment, params (string Key, string Value)[] settings)
        : IdentityFixture(postgres)
    {
        public string? Kms { get; init; }

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (Kms is not null)
            {
                var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["KmsServiceUrl"] = Kms, ["KmsRegion"] = "sa-east-1",
                }).Build();
                builder.ConfigureTestServices(services => services.AddSingleton<IAmazonKeyManagementService>(_ =>
                    new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), KmsKeyRing.ClientConfig(section))));
            }
        }
    }
}
