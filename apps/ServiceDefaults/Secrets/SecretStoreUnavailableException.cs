namespace PocTracker.ServiceDefaults.Secrets;

/// <summary>Under a sidecar the secret store could not be read: the app cannot start. The message says why in one sentence.</summary>
public sealed class SecretStoreUnavailableException : Exception
{
    public SecretStoreUnavailableException()
    {
    }

    public SecretStoreUnavailableException(string message)
        : base(message)
    {
    }

    public SecretStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
