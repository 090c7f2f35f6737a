using System.Text.Json;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>What kind of answer an endpoint gives to bad input (see <see cref="ResponseExpectation"/>).</summary>
internal enum EndpointKind
{
    /// <summary>The JSON APIs (the OpenAPI document) and the dojo hub's HTTP side: RFC 9457 problems.</summary>
    Api,

    /// <summary>The identity app's server-rendered pages: an HTML page, or a problem.</summary>
    Page,

    /// <summary>OpenIddict's OAuth endpoints: RFC 6749 errors.</summary>
    OAuth,
}

/// <summary>A parameter in the path or the query, with the JSON schema of its value.</summary>
internal sealed record FuzzParameter(string Name, bool InPath, JsonElement Schema);

/// <summary>
/// One method on one route the fuzz test sends requests to: from the OpenAPI document, or one of the
/// pages and OAuth endpoints it does not describe (with the form fields they read).
/// </summary>
internal sealed record FuzzTarget(
    EndpointKind Kind,
    string Method,
    string Template,
    IReadOnlyList<FuzzParameter> Parameters,
    IReadOnlyList<string> BodyMediaTypes,
    JsonElement? BodySchema,
    IReadOnlyList<string> FormFields)
{
    public string Route => $"{Method} {Template}";

    public bool TakesJson => BodyMediaTypes.Any(type => type.Contains("json", StringComparison.Ordinal));

    public bool TakesForm => FormFields.Count > 0;
}
