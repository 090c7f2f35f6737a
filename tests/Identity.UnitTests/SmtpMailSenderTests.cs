using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PocTracker.Identity.Mail;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PocTracker.Identity.UnitTests;

/// <summary>The SMTP adapter against a real SMTP server on loopback (SmtpServer), with authentication.</summary>
public sealed class SmtpMailSenderTests : IAsyncDisposable
{
    private const string UserName = "ses-smtp-user";
    private const string Password = "smtp password from the secret store";
    private readonly CancellationTokenSource stop = new();
    private readonly ReceivedMail received = new();
    private readonly CredentialCheck credentials = new();
    private readonly Task server;
    private readonly int port;

    public SmtpMailSenderTests()
    {
        port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication().AuthenticationRequired())
            .Build();
        var services = new ServiceProvider();
        services.Add(received);
        services.Add(credentials);
        server = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    [Fact]
    public async Task A_message_reaches_the_relay_with_its_sender_recipient_utf8_subject_and_intact_link()
    {
        var sender = new SmtpMailSender(
            new SmtpSettings("127.0.0.1", port, SecureSocketOptions.None, UserName, Password),
            new MailOutboxSettings("unused", "PocTracker <no-reply@poctracker.dev>"),
            NullLogger<SmtpMailSender>.Instance);
        var link = "https://app.poctracker.dev/account/invitation?token=" + new string('x', 120);

        await sender.SendAsync(new OutgoingMail("joão@acme.example", "Convite para a Ação Labs", $"Olá!\n\nAceite aqui: {link}\n"), TestContext.Current.CancellationToken);

        var message = Assert.Single(received.Messages);
        Assert.Equal("no-reply@poctracker.dev", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("joão@acme.example", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Convite para a Ação Labs", message.Subject);
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Equal((UserName, Password), Assert.Single(credentials.Attempts));
    }

    [Fact]
    public async Task Wrong_credentials_fail_loudly_instead_of_dropping_the_mail()
    {
        var sender = new SmtpMailSender(
            new SmtpSettings("127.0.0.1", port, SecureSocketOptions.None, UserName, "wrong"),
            new MailOutboxSettings("unused", "no-reply@poctracker.dev"),
            NullLogger<SmtpMailSender>.Instance);

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            sender.SendAsync(new OutgoingMail("ana@acme.example", "Hi", "text"), TestContext.Current.CancellationToken));
        Assert.Empty(received.Messages);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await server;
        }
        catch (OperationCanceledException)
        {
            // the server stops by cancellation
        }

        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ReceivedMail : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class CredentialCheck : IUserAuthenticator
    {
        public ConcurrentQueue<(string, string)> Attempts { get; } = new();

        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            Attempts.Enqueue((user, password));
            return Task.FromResult(user == UserName && password == Password);
        }
    }
}
