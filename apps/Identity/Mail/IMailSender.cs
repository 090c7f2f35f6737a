namespace PocTracker.Identity.Mail;

/// <summary>
/// Sends the identity app's e-mail (invitations today). <see cref="SmtpMailSender"/> when
/// <c>Identity:Smtp:Host</c> is set (production: Amazon SES's SMTP interface), otherwise
/// <see cref="OutboxFolderMailSender"/> (Standalone and tests).
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
