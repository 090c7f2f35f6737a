using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Maui.Storage;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// The signed-in person's tokens in the phone's keychain (iOS) or Keystore-encrypted preferences (Android), through
/// MAUI's <see cref="SecureStorage"/>. One entry holds the whole <see cref="TokenSet"/> as JSON (source-generated:
/// the app is trimmed, reflection-based serialization would lose the record's members).
/// </summary>
public sealed class SecureStorageTokenStore : ITokenStore
{
    private const string Key = "poctracker.tokens";

    public async ValueTask<TokenSet?> ReadAsync(CancellationToken cancellationToken)
    {
        var json = await SecureStorage.Default.GetAsync(Key).ConfigureAwait(false);
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, TokenStoreJson.Default.TokenSet);
        }
        catch (JsonException)
        {
            // Written by an older version of the app in another shape: nobody is signed in, sign in again.
            SecureStorage.Default.Remove(Key);
            return null;
        }
    }

    public async ValueTask WriteAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await SecureStorage.Default.SetAsync(Key, JsonSerializer.Serialize(tokens, TokenStoreJson.Default.TokenSet)).ConfigureAwait(false);
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        SecureStorage.Default.Remove(Key);
        return ValueTask.CompletedTask;
    }
}

[JsonSerializable(typeof(TokenSet))]
internal sealed partial class TokenStoreJson : JsonSerializerContext
{
}
