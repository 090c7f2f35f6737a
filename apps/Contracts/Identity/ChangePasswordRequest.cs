namespace PocTracker.Contracts.Identity;

/// <summary>Changing one's password (<c>POST /api/identity/me/password</c>): the current one, and the new one.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
