using System.Text;

namespace PocTracker.Identity.Mail;

/// <summary>
/// The Standalone mail adapter: each message becomes an <c>.eml</c> file in a
/// folder that only this user can read, where a developer opens it and tests read it. The log line
/// names the recipient's domain and the subject only: bodies carry invitation links.
/// </summary>
internal sealed partial class OutboxFolderMailSender(MailOutboxSettings settings, TimeProvider time, ILogger<OutboxFolderMailSender> logger)
    : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(settings.Folder);
        }
        else
        {
            Directory.CreateDirectory(settings.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var now = time.GetUtcNow();
        var text = new StringBuilder()
            .Append("From: ").Append(Header(settings.From)).Append("\r\n")
            .Append("To: ").Append(Header(mail.To)).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Subject: ").Append(EncodedWord(Header(mail.Subject))).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n")
            .Append("\r\n")
            .Append(mail.TextBody.ReplaceLineEndings("\r\n").TrimEnd('\r', '\n')).Append("\r\n")
            .ToString();

        // Written under a temporary name and moved, so a reader never sees half a message.
        var name = $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(settings.Folder, name + ".tmp");
        await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        File.Move(temporary, Path.Combine(settings.Folder, name));
        LogWritten(logger, RecipientDomain(mail.To), mail.Subject);
    }

    /// <summary>A header value on one line: a tenant's name must not inject headers.</summary>
    private static string Header(string value) => value.ReplaceLineEndings(" ").Replace('\0', ' ');

    /// <summary>RFC 2047 for non-ASCII subjects.</summary>
    private static string EncodedWord(string value) =>
        value.All(char.IsAscii) ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";

    private static string RecipientDomain(string address) => address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..] : "?";

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to a recipient at {RecipientDomain} written to the outbox folder: {Subject}")]
    private static partial void LogWritten(ILogger logger, string recipientDomain, string subject);
}
