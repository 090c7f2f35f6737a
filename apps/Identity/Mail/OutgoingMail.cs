namespace PocTracker.Identity.Mail;

/// <summary>A plain-text e-mail to one person.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">One line; never a secret (adapters log it).</param>
/// <param name="TextBody">The text, which may carry secrets such as an invitation link.</param>
public sealed record OutgoingMail(string To, string Subject, string TextBody);
