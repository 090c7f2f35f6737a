namespace PocTracker.Identity.Mail;

/// <summary>
/// Sends the identity app's e-mail (invitations today). The adapter registered now is
/// <see cref="OutboxFolderMailSender"/>; an SMTP or Amazon SES adapter replaces it in production later.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
