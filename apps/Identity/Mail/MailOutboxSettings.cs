namespace PocTracker.Identity.Mail;

/// <summary>
/// Where <see cref="OutboxFolderMailSender"/> writes messages (<c>Identity:MailOutbox</c>, default
/// <c>{temp}/poctracker-mail</c>) and the sender they name (<c>Identity:MailFrom</c>).
/// </summary>
public sealed record MailOutboxSettings(string Folder, string From)
{
    public static MailOutboxSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Identity");
        return new MailOutboxSettings(
            section["MailOutbox"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "poctracker-mail"),
            section["MailFrom"] is { Length: > 0 } from ? from : "PocTracker <no-reply@poctracker.dev>");
    }
}
