using System.Threading.Channels;

namespace PocTracker.Identity.Mail;

/// <summary>
/// Mail sent after the request that asked for it has been answered, one message at a time through
/// <see cref="IMailSender"/>. For answers whose timing must not tell anything: a password-reset request answers the
/// same way at once whether or not the account exists, and handing the message to an SMTP relay (tens to hundreds of
/// milliseconds) would give it away. A message still queued when the process stops is lost, and one the relay refuses
/// is logged and dropped: the person asks again (the link's row expires unused). The queue is bounded; the rate
/// limits in front of its producers keep it far from full.
/// </summary>
internal sealed partial class MailQueue(IMailSender sender, ILogger<MailQueue> logger) : BackgroundService
{
    private const int Capacity = 1_000;

    private readonly Channel<OutgoingMail> queue = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a message without waiting; false (and a log line) when the queue is full.</summary>
    public bool TryEnqueue(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (queue.Writer.TryWrite(mail))
        {
            return true;
        }

        LogDropped(logger, RecipientDomain(mail.To), mail.Subject);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(mail, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, RecipientDomain(mail.To), mail.Subject);
            }
        }
    }

    private static string RecipientDomain(string address) => address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..] : "?";

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail to a recipient at {RecipientDomain} could not be sent and was dropped: {Subject}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string recipientDomain, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full; mail to a recipient at {RecipientDomain} was dropped: {Subject}")]
    private static partial void LogDropped(ILogger logger, string recipientDomain, string subject);
}
