using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The identity app as its Program builds it, over a database of its own.</summary>
public partial class IdentityFixture(PostgresServerFixture postgres) : WebApplicationFactory<IdentityEntryPoint>, IAsyncLifetime
{
    /// <summary>The test server's address, which is also the issuer.</summary>
    public static readonly Uri Issuer = new("http://localhost/");

    /// <summary>The client address every request comes from, unless it sends <see cref="RemoteAddressHeader"/>.</summary>
    public const string DefaultRemoteAddress = "203.0.113.10";

    /// <summary>A test-only header naming the client address of a request (the test server has none of its own).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    public AppDatabaseConnections Database { get; private set; } = null!;

    /// <summary>Where the app writes its e-mail (the outbox-folder adapter); tests read invitations there.</summary>
    public string MailOutbox { get; } = Path.Combine(Path.GetTempPath(), "poctracker-test-mail-" + Guid.NewGuid().ToString("N")[..10]);

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.NewDatabaseAsync("identity");
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(IdentityModule.AppId, Database);
        builder.UseSetting("Identity:Issuer", Issuer.ToString());
        builder.UseSetting("Identity:RefreshTokenReuseLeeway", "00:00:00");
        builder.UseSetting("Identity:MailOutbox", MailOutbox);
        // The identity app validates its own API's tokens like any app: discovery on its own issuer,
        // reached here through the test server's handler instead of the network.
        builder.UseSetting("Auth:Issuer", Issuer.ToString());
        builder.UseSetting("Auth:Audiences:0", "identity");
        builder.UseSetting("Auth:Authority", Issuer.ToString());
        builder.UseSetting("Auth:RequireHttpsMetadata", "false");
        builder.ConfigureTestServices(services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = Server.CreateHandler());
            services.AddTransient<IStartupFilter, RemoteAddressFromHeader>();
            services.PostConfigure<PasswordHasherOptions>(options => options.IterationCount = PasswordIterations);
        });
        RaiseLimits(builder);
        ConfigureSettings(builder);
    }

    /// <summary>
    /// Many requests come from the one test "IP": the limits per address are raised. LoginProtectionTests and
    /// RateLimitTests check the limits, with the app's defaults or their own.
    /// </summary>
    protected virtual void RaiseLimits(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:LoginAttemptsPerIpPerMinute", "1000");
        builder.UseSetting("Identity:LoginAttemptsPerAccountPerMinute", "100");
        builder.UseSetting("Identity:TokenRequestsPerIpPerMinute", "10000");
        builder.UseSetting("Identity:InvitationAcceptancesPerIpPerMinute", "1000");
        builder.UseSetting("Identity:SignUpsPerIpPerMinute", "1000");
        builder.UseSetting("Identity:PasswordChecksPerIpPerMinute", "1000");
        builder.UseSetting("Identity:PasswordResetRequestsPerIpPerMinute", "1000");
        builder.UseSetting("Identity:PasswordResetConfirmationsPerIpPerMinute", "1000");
    }

    /// <summary>
    /// PBKDF2 iterations the app hashes with here. Not the production count: at 210,000 a hash or a check costs about
    /// 100 ms of a core, and these tests make hundreds of them (Identity's tests took 3–4 minutes of the CI run). What
    /// they test (lockout, throttles, flows, isolation) does not depend on the count; the login's rehash compares with
    /// the configured count, so it stays consistent. PasswordRehashTests runs at the production count.
    /// </summary>
    protected virtual int PasswordIterations => 1_000;

    /// <summary>Settings a variant of the fixture adds.</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>Signs up a new organisation; returns its ids, slug and the owner's e-mail.</summary>
    public async Task<SignedUp> SignUpAsync(string password)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..12];
        var email = $"owner@{slug}.example";
        using var response = await CreateClient().PostAsJsonAsync("/api/identity/tenants",
            new { tenantName = "Acme Labs", slug, email, password, displayName = "Ana Souza" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return new SignedUp(body.GetProperty("tenantId").GetGuid(), body.GetProperty("accountId").GetGuid(), slug, email);
    }

    /// <summary>One login attempt at the page, as a fresh browser coming from an authorize request.</summary>
    public async Task<HttpResponseMessage> AttemptLoginAsync(string tenant, string email, string password)
    {
        var browser = Browser();
        using var authorize = await browser.GetAsync(OAuthFlow.AuthorizeUrl(OAuthFlow.NewPkce().Challenge));
        return await OAuthFlow.SubmitLoginAsync(browser, authorize.Headers.Location!, tenant, email, password);
    }

    /// <summary>Logs in through the code flow with the given scopes and returns the access token.</summary>
    public async Task<string> AccessTokenAsync(SignedUp account, string password, string scope)
    {
        var (verifier, challenge) = OAuthFlow.NewPkce();
        var code = await OAuthFlow.LoginForCodeAsync(Browser(), challenge, account.Slug, account.Email, password, scope);
        using var exchanged = await OAuthFlow.RedeemCodeAsync(CreateClient(), code, verifier);
        return (await OAuthFlow.ReadTokensAsync(exchanged)).AccessToken;
    }

    /// <summary>The tenant's audit log, read through the API with an identity-audience token of an owner or admin.</summary>
    public async Task<JsonElement[]> AuditLogAsync(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return [.. (await client.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=200")).EnumerateArray()];
    }

    /// <summary>The newest message to an address in the app's mail outbox folder.</summary>
    public string MailTo(string email)
    {
        var message = Directory.GetFiles(MailOutbox, "*.eml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .LastOrDefault(text => text.Contains($"\r\nTo: {email}\r\n", StringComparison.Ordinal));
        Assert.True(message is not null, $"no mail to {email} in {MailOutbox}");
        return message;
    }

    /// <summary>
    /// Waits for the newest message to an address whose subject is <paramref name="subject"/>, beyond the first
    /// <paramref name="skip"/> such messages: mail sent after the answer (password resets) lands a moment later.
    /// </summary>
    public async Task<string> WaitForMailAsync(string email, string subject, int skip = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var messages = MailsTo(email, subject);
            if (messages.Length > skip)
            {
                return messages[^1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no mail '{subject}' to {email} in {MailOutbox} after 60 s");
            // Polling a condition (the file appearing) with a deadline, not waiting on time.
            await Task.Delay(50);
        }
    }

    /// <summary>Every message to an address with that subject, oldest first.</summary>
    public string[] MailsTo(string email, string subject) => Directory.Exists(MailOutbox)
        ? [.. Directory.GetFiles(MailOutbox, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Where(text => text.Contains($"\r\nTo: {email}\r\n", StringComparison.Ordinal) && text.Contains($"\r\nSubject: {subject}\r\n", StringComparison.Ordinal))]
        : [];

    /// <summary>The token of the password-reset link in a mail.</summary>
    public static string ResetTokenIn(string mail)
    {
        var link = ResetLink().Match(mail);
        Assert.True(link.Success, mail);
        return Uri.UnescapeDataString(link.Groups["token"].Value);
    }

    /// <summary>
    /// Runs SQL as the schema owner inside a tenant (FORCE row-level security polices the owner too, so the transaction
    /// names the tenant first): for what no API does, such as planting an old password hash.
    /// </summary>
    public async Task<object?> AsOwnerAsync(Guid tenantId, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.Migrations);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var tenant = new NpgsqlCommand("select set_config('app.tenant_id', @tenant, true)", connection, transaction))
        {
            tenant.Parameters.AddWithValue("tenant", tenantId.ToString());
            await tenant.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>The invitation link in a mail (it points at the landing page).</summary>
    public static Uri InvitationLinkIn(string mail)
    {
        var link = InvitationLink().Match(mail);
        Assert.True(link.Success, mail);
        return new Uri(link.Value);
    }

    /// <summary>The token of the invitation link in a mail.</summary>
    public static string InvitationTokenIn(string mail) =>
        Uri.UnescapeDataString(InvitationLink().Match(InvitationLinkIn(mail).ToString()).Groups["token"].Value);

    /// <summary>
    /// Moves an invitation 7 days into the past, as the schema owner. FORCE row-level security polices
    /// the owner too, so the transaction names the tenant first.
    /// </summary>
    public async Task ExpireInvitationAsync(Guid tenantId, Guid invitationId)
    {
        await using var connection = new NpgsqlConnection(Database.Migrations);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var tenant = new NpgsqlCommand("select set_config('app.tenant_id', @tenant, true)", connection, transaction))
        {
            tenant.Parameters.AddWithValue("tenant", tenantId.ToString());
            await tenant.ExecuteNonQueryAsync();
        }

        await using var update = new NpgsqlCommand(
            "update invitations set created_at = created_at - interval '7 days 1 minute', expires_at = expires_at - interval '7 days 1 minute' where id = @id",
            connection, transaction);
        update.Parameters.AddWithValue("id", invitationId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        await transaction.CommitAsync();
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests follow them and look).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = Issuer });
}

public partial class IdentityFixture
{
    [System.Text.RegularExpressions.GeneratedRegex(@"http://localhost/account/invitation\?token=(?<token>[A-Za-z0-9._~%-]+)")]
    private static partial System.Text.RegularExpressions.Regex InvitationLink();

    [System.Text.RegularExpressions.GeneratedRegex(@"http://localhost/account/reset-password\?token=(?<token>[A-Za-z0-9._~%-]+)")]
    private static partial System.Text.RegularExpressions.Regex ResetLink();
}

/// <summary>
/// Gives each test request a client address, as Kestrel would: per-IP limits and audit events need one,
/// and the test server leaves it empty.
/// </summary>
internal sealed class RemoteAddressFromHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var named = context.Request.Headers[IdentityFixture.RemoteAddressHeader].ToString();
            context.Connection.RemoteIpAddress = IPAddress.Parse(named.Length > 0 ? named : IdentityFixture.DefaultRemoteAddress);
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>A freshly signed-up organisation and its owner.</summary>
public sealed record SignedUp(Guid TenantId, Guid AccountId, string Slug, string Email);
