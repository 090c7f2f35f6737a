using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace PocTracker.Identity.Mail;

/// <summary>
/// How to reach an SMTP relay (<c>Identity:Smtp</c>). Amazon SES is used through its SMTP interface
/// (<c>email-smtp.{region}.amazonaws.com</c>, port 587, STARTTLS, SMTP credentials), so one adapter
/// serves SES and any other relay. The password comes from configuration (a secret store in
/// production), never from the repository, and is never logged.
/// </summary>
/// <param name="Host">The relay's host name; when empty, mail goes to the outbox folder instead.</param>
/// <param name="Port">587 by default.</param>
/// <param name="Security"><c>StartTls</c> (default), <c>SslOnConnect</c> (port 465), or <c>None</c> (a relay on the same host only).</param>
/// <param name="UserName">The SMTP user (SES: the SMTP credentials' user name); no authentication when empty.</param>
/// <param name="Password">The SMTP password, from a secret store.</param>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    public static SmtpSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Identity:Smtp");
        if (section["Host"] is not { Length: > 0 } host)
        {
            return null;
        }

        var security = section["Security"] switch
        {
            null or "" or "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            "None" => SecureSocketOptions.None,
            var other => throw new InvalidOperationException($"Identity:Smtp:Security must be StartTls, SslOnConnect or None, not '{other}'."),
        };
        return new SmtpSettings(host, section.GetValue("Port", 587), security, section["UserName"], section["Password"]);
    }
}

/// <summary>
/// The production mail adapter: MailKit over SMTP (MimeKit builds the message, so encoding and
/// header injection are the library's job, not ours). One connection per message: the identity app
/// sends a few invitations a day, not a newsletter.
/// </summary>
internal sealed partial class SmtpMailSender(SmtpSettings smtp, MailOutboxSettings mail, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(mail.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.TextBody };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, message.To.LastIndexOf('@') is var at and >= 0 ? message.To[(at + 1)..] : "?", message.Subject);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to a recipient at {RecipientDomain} sent over SMTP: {Subject}")]
    private static partial void LogSent(ILogger logger, string recipientDomain, string subject);
}
