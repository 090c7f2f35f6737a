namespace PocTracker.Contracts.Identity;

/// <summary>Deleting one's own account: the password again, so a stolen 10-minute token cannot do it.</summary>
/// <param name="Password">The account's current password.</param>
public sealed record DeleteOwnAccountRequest(string? Password);
