using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// The caller's access token as a job keeps it for a later step: taken from the request's bearer
/// header and encrypted with Data Protection, since a job's input is stored (<c>job_runs</c>, or
/// Dapr's state store). Each app's tokens have a protector of their own (the app id is part of the
/// purpose). A token read back much later is refused by the API it is sent to (access tokens live
/// minutes): the job then fails with a reason instead of reading with a stale grant.
/// </summary>
public static class AccessTokens
{
    private const string Purpose = "PocTracker.Jobs.AccessToken.v1";

    /// <summary>The request's bearer token, or null when it came without one (a job cannot act as the caller then).</summary>
    public static string? BearerOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }

    /// <summary>The token encrypted for app <paramref name="appId"/>'s jobs.</summary>
    public static string Protect(IDataProtectionProvider protection, string appId, string token) =>
        Protector(protection, appId).Protect(token);

    /// <summary>The token again, or null when it cannot be read (another key ring, or altered).</summary>
    public static string? Unprotect(IDataProtectionProvider protection, string appId, string protectedToken)
    {
        try
        {
            return Protector(protection, appId).Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static IDataProtector Protector(IDataProtectionProvider protection, string appId)
    {
        ArgumentNullException.ThrowIfNull(protection);
        return protection.CreateProtector(Purpose, appId);
    }
}
