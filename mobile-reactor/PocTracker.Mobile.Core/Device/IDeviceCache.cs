using System.Text.Json.Serialization.Metadata;

namespace PocTracker.Mobile.Core.Device;

/// <summary>
/// Values kept on the device by key, as JSON (source-generated type info, so it works trimmed): the last searches,
/// the POCs seen, the offline queue. Survives the app's restart; not a secret store (tokens go to SecureStorage).
/// </summary>
public interface IDeviceCache
{
    /// <summary>The value stored under <paramref name="key"/>, or null when there is none (or it cannot be read any more).</summary>
    Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, all or nothing.</summary>
    Task WriteAsync<T>(string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="key"/>'s value.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken);
}
