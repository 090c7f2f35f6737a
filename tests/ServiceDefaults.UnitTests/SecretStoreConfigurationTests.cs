using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.ServiceDefaults.Secrets;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Under a sidecar the apps' secrets come from the Dapr secret store, read once at start.</summary>
public sealed class SecretStoreConfigurationTests
{
    private readonly DaprClient dapr = Substitute.For<DaprClient>();
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Every_secret_becomes_a_configuration_key_whatever_separator_the_store_uses()
    {
        dapr.GetBulkSecretAsync("secretstore", null, Arg.Any<CancellationToken>()).Returns(new Dictionary<string, Dictionary<string, string>>
        {
            // The local file store, flattened with its default nestedSeparator ":".
            ["ConnectionStrings:pocs"] = new() { ["ConnectionStrings:pocs"] = "Host=127.0.0.1;Username=pocs_app" },
            // An SSM Parameter Store hierarchy (the prefix already taken off by the component).
            ["ConnectionStrings/pocs-relay"] = new() { ["ConnectionStrings/pocs-relay"] = "Host=127.0.0.1;Username=pocs_relay" },
            ["KeyRing__CertificateFile"] = new() { ["KeyRing__CertificateFile"] = "/keys/pocs.pem" },
            ["APP_API_TOKEN"] = new() { ["APP_API_TOKEN"] = "the-sidecars-secret" },
            // A multi-valued secret: one key per value.
            ["Smtp"] = new() { ["Host"] = "mail.example.com", ["Password"] = "p" },
        });

        var configuration = new ConfigurationBuilder().Add(Source()).Build();

        Assert.Equal("Host=127.0.0.1;Username=pocs_app", configuration.GetConnectionString("pocs"));
        Assert.Equal("Host=127.0.0.1;Username=pocs_relay", configuration.GetConnectionString("pocs-relay"));
        Assert.Equal("/keys/pocs.pem", configuration["KeyRing:CertificateFile"]);
        Assert.Equal("the-sidecars-secret", configuration["APP_API_TOKEN"]);
        Assert.Equal("mail.example.com", configuration["Smtp:Host"]);
        Assert.Equal("p", configuration["Smtp:Password"]);
    }

    [Fact]
    public void The_sidecar_is_waited_for_before_the_store_is_read()
    {
        dapr.GetBulkSecretAsync("secretstore", null, Arg.Any<CancellationToken>()).Returns(new Dictionary<string, Dictionary<string, string>>());

        _ = new ConfigurationBuilder().Add(Source()).Build();

        Received.InOrder(() =>
        {
            dapr.WaitForSidecarAsync(Arg.Any<CancellationToken>());
            dapr.GetBulkSecretAsync("secretstore", null, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public void A_sidecar_that_never_answers_stops_the_start_after_the_timeout_naming_it()
    {
        // Waiting lasts until the token is cancelled; the clock moves past the timeout while it waits.
        dapr.WaitForSidecarAsync(Arg.Any<CancellationToken>()).Returns(call =>
        {
            time.Advance(TimeSpan.FromSeconds(61));
            return Task.Delay(Timeout.InfiniteTimeSpan, call.Arg<CancellationToken>());
        });

        var refused = Assert.Throws<SecretStoreUnavailableException>(() => new ConfigurationBuilder().Add(Source()).Build());

        Assert.Contains("did not answer within 60 s", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'secretstore'", refused.Message, StringComparison.Ordinal);
        _ = dapr.DidNotReceive().GetBulkSecretAsync(Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void A_store_the_sidecar_cannot_read_stops_the_start_with_the_sidecars_reason()
    {
        dapr.GetBulkSecretAsync("secretstore", null, Arg.Any<CancellationToken>()).Returns<Dictionary<string, Dictionary<string, string>>>(
            _ => throw new DaprException("Bulk get secret operation failed", new InvalidOperationException("secret store secretstore not found")));

        var refused = Assert.Throws<SecretStoreUnavailableException>(() => new ConfigurationBuilder().Add(Source()).Build());

        Assert.Contains("secret store 'secretstore' could not be read", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("secret store secretstore not found", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_sidecar_nothing_is_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        Assert.Null(SecretStoreSetup.NewSource(configuration, () => dapr));
    }

    [Fact]
    public void A_store_name_set_empty_reads_nothing_even_under_a_sidecar() =>
        Assert.Null(SecretStoreSetup.NewSource(Configuration(("DAPR_HTTP_PORT", "3500"), ("Dapr:SecretStore", "")), () => dapr));

    [Fact]
    public void Dapr_mode_forced_without_a_sidecar_address_reads_nothing() =>
        Assert.Null(SecretStoreSetup.NewSource(Configuration(("Dapr:Enabled", "true")), () => dapr));

    [Theory]
    [InlineData("DAPR_HTTP_PORT", "3500")]
    [InlineData("DAPR_GRPC_PORT", "50001")]
    [InlineData("DAPR_GRPC_ENDPOINT", "http://sidecar:50001")]
    public void Any_sidecar_address_means_the_store_is_read(string key, string value) =>
        Assert.Equal("secretstore", SecretStoreSetup.NewSource(Configuration((key, value)), () => dapr)?.StoreName);

    [Fact]
    public void Under_a_sidecar_the_store_and_the_timeout_come_from_configuration()
    {
        var defaults = SecretStoreSetup.NewSource(Configuration(("DAPR_HTTP_PORT", "3500")), () => dapr);
        var configured = SecretStoreSetup.NewSource(
            Configuration(("DAPR_GRPC_PORT", "50001"), ("Dapr:SecretStore", "vault"), ("Dapr:SidecarTimeout", "00:00:15")), () => dapr);

        Assert.Equal(("secretstore", TimeSpan.FromSeconds(60)), (defaults!.StoreName, defaults.SidecarTimeout));
        Assert.Equal(("vault", TimeSpan.FromSeconds(15)), (configured!.StoreName, configured.SidecarTimeout));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("15s")]
    [InlineData("-00:00:05")]
    [InlineData("00:00:00")]
    public void A_sidecar_timeout_that_is_not_a_positive_duration_is_refused_naming_the_key(string value)
    {
        var refused = Assert.Throws<SecretStoreUnavailableException>(
            () => SecretStoreSetup.NewSource(Configuration(("DAPR_HTTP_PORT", "3500"), ("Dapr:SidecarTimeout", value)), () => dapr));

        Assert.Contains($"Dapr:SidecarTimeout is '{value}'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ConnectionStrings:pocs", "ConnectionStrings:pocs")]
    [InlineData("ConnectionStrings/pocs-migrations", "ConnectionStrings:pocs-migrations")]
    [InlineData("/ConnectionStrings/pocs", "ConnectionStrings:pocs")]
    [InlineData("ConnectionStrings__pocs", "ConnectionStrings:pocs")]
    [InlineData("APP_API_TOKEN", "APP_API_TOKEN")]
    public void Secret_names_map_to_configuration_keys(string secretName, string key) =>
        Assert.Equal(key, SecretStoreConfigurationProvider.ConfigurationKey(secretName));

    private SecretStoreConfigurationSource Source() => new()
    {
        CreateClient = () => dapr, StoreName = "secretstore", SidecarTimeout = TimeSpan.FromSeconds(60), TimeProvider = time,
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
