using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

/// <summary>
/// Seals a <see cref="SearchCursor"/> into the opaque base64url text clients pass back, and opens it again.
/// Sealed with ASP.NET Core Data Protection (authenticated encryption), under a purpose that names the
/// tenant, the user and the search (its filters and sort): only a cursor this app handed out for the same
/// search by the same person opens, so a forged, tampered, truncated or borrowed cursor is refused as bad
/// input, and a cursor's sort key reaches the search (and its SQL casts) only as the app wrote it.
/// The page size is not part of the search: a client may change it between pages.
/// </summary>
internal sealed class SearchCursorProtector(IDataProtectionProvider protection)
{
    public const string Purpose = "PocTracker.Pocs.SearchCursor";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public string Seal(SearchCursor cursor, PocSearchQuery query, TenantUser user) =>
        Base64Url.EncodeToString(For(query, user).Protect(JsonSerializer.SerializeToUtf8Bytes(cursor, JsonSerializerOptions.Web)));

    /// <summary>The cursor, or null when <paramref name="text"/> is not one sealed for this search by this user.</summary>
    public SearchCursor? TryOpen(string text, PocSearchQuery query, TenantUser user)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<SearchCursor>(For(query, user).Unprotect(Base64Url.DecodeFromChars(text)), JsonSerializerOptions.Web);
            return cursor is { Sort: not null, Key: not null } && cursor.Sort == query.Sort && cursor.Id != Guid.Empty ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }

    // The purpose chain: Data Protection derives a different key per purpose, so a cursor sealed for one
    // (tenant, user, search) cannot be opened for another.
    private IDataProtector For(PocSearchQuery query, TenantUser user) => protector.CreateProtector(
        user.TenantId.ToString("N"),
        user.UserId.ToString("N"),
        JsonSerializer.Serialize(new
        {
            query.Words, query.NameContains, query.Language, query.Tags, query.AllTags, query.Statuses, query.OnlyMine, query.Sort,
        }));
}
