namespace PocTracker.Video.Script;

/// <summary>
/// The optional AI narrator (<c>Video:Ai</c>): an OpenAI-compatible chat endpoint. Without an endpoint
/// and a model the template writes the script. The key is only ever handed to the client, never logged.
/// </summary>
public sealed class VideoAiOptions
{
    public const string Section = "Video:Ai";

    /// <summary>Base address of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name, e.g. <c>gpt-4o-mini</c>.</summary>
    public string? Model { get; set; }

    /// <summary>API key (may be empty for local servers).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long the script may wait for the AI before falling back to the template.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}
