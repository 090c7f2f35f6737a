using System.Buffers.Text;
using System.Text.Json;

namespace PocTracker.Pocs.Search;

/// <summary>
/// Where a page ended: the sort it belongs to, the last row's sort key (in <c>SortKeyText</c>'s format)
/// and id. Sent to clients as opaque base64url JSON; a cursor of another sort, or one that does
/// not decode, is refused as bad input.
/// </summary>
internal sealed record SearchCursor(string Sort, string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web));

    public static SearchCursor? TryDecode(string text)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<SearchCursor>(Base64Url.DecodeFromChars(text), JsonSerializerOptions.Web);
            return cursor is { Sort: not null, Key: not null } && cursor.Id != Guid.Empty ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
