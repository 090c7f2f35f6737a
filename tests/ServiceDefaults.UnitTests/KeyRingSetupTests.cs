using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.DataProtection;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Every app's Data Protection: one key ring per process, named after its app, encrypted at rest wherever it runs in Production.</summary>
public sealed class KeyRingSetupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("poctracker-key-ring-").FullName;

    [Fact]
    public async Task In_production_an_app_without_a_key_ring_encryptor_refuses_to_start()
    {
        // A host of its own, started: StartAsync throws what ValidateOnStart found (see SidecarTokenTests for why not WebApplicationFactory).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.AddKeyRing("reports");
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("the reports database's data_protection_keys) must be encrypted at rest: set KeyRing:KmsKeyId", refused.Message, StringComparison.Ordinal);
        Assert.Contains("or KeyRing:CertificateFile", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_certificate_new_ring_keys_are_encrypted_in_every_environment_and_the_ring_is_stored_in_the_apps_database()
    {
        var certificate = Path.Combine(folder, "key-ring.pem");
        KeyRingCertificate.CreateFile(certificate);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["KeyRing:CertificateFile"] = certificate;
        builder.AddKeyRing("video");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;

        Assert.NotNull(options.XmlEncryptor);
        Assert.Equal("KeyRingTable", options.XmlRepository?.GetType().Name);
        Assert.Equal("poctracker-video", host.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
    }

    [Fact]
    public void A_process_has_one_key_ring()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddKeyRing("identity", "poctracker");

        var second = Assert.Throws<InvalidOperationException>(() => builder.AddKeyRing("pocs"));

        Assert.Contains("a process has one", second.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
