using System.Text.Json;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// Every route the fuzz test walks: each operation of Standalone's OpenAPI document (which hosts every
/// app), the dojo hub's HTTP endpoints, the identity pages and the OAuth endpoints. The document is read
/// with System.Text.Json: the test needs paths, methods, parameters and body schemas, nothing more.
/// </summary>
internal static class FuzzTargets
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    public static IReadOnlyList<FuzzTarget> From(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var targets = new List<FuzzTarget>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    targets.Add(Operation(path.Name, method.ToUpperInvariant(), operation, schemas));
                }
            }
        }

        targets.AddRange(Hub());
        targets.AddRange(Pages());
        targets.AddRange(OAuth());
        return targets;
    }

    private static FuzzTarget Operation(string template, string method, JsonElement operation, JsonElement schemas)
    {
        var parameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => new FuzzParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString() == "path", Resolve(p.GetProperty("schema"), schemas))).ToList()
            : [];
        var content = operation.TryGetProperty("requestBody", out var body) ? body.GetProperty("content") : default;
        var mediaTypes = content.ValueKind == JsonValueKind.Object ? content.EnumerateObject().Select(c => c.Name).ToList() : [];
        JsonElement? schema = mediaTypes.Count > 0 && content.GetProperty(mediaTypes[0]).TryGetProperty("schema", out var s) ? Inline(s, schemas) : null;
        return new FuzzTarget(EndpointKind.Api, method, template, parameters, mediaTypes, schema, []);
    }

    /// <summary>A schema with every <c>$ref</c> replaced by its component (the generator never follows references itself).</summary>
    private static JsonElement Inline(JsonElement schema, JsonElement schemas) =>
        JsonDocument.Parse(Inline(schema, schemas, depth: 0)).RootElement;

    private static string Inline(JsonElement schema, JsonElement schemas, int depth)
    {
        var resolved = Resolve(schema, schemas);
        if (resolved.ValueKind != JsonValueKind.Object || depth > 8)
        {
            return resolved.GetRawText();
        }

        var members = resolved.EnumerateObject().Select(member => member.Name switch
        {
            "properties" => $"\"properties\":{{{string.Join(',', member.Value.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ":" + Inline(p.Value, schemas, depth + 1)))}}}",
            "items" or "additionalProperties" when member.Value.ValueKind == JsonValueKind.Object => $"\"{member.Name}\":{Inline(member.Value, schemas, depth + 1)}",
            _ => JsonSerializer.Serialize(member.Name) + ":" + member.Value.GetRawText(),
        });
        return "{" + string.Join(',', members) + "}";
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement;

    private static FuzzParameter Query(string name, string schema = """{"type":"string"}""") => new(name, InPath: false, Schema(schema));

    /// <summary>SignalR's HTTP side of the dojo hub: negotiation and the long-polling/SSE transport requests.</summary>
    private static IEnumerable<FuzzTarget> Hub()
    {
        FuzzParameter[] transport = [Query("id"), Query("access_token")];
        foreach (var method in new[] { "GET", "POST", "DELETE", "PUT" })
        {
            yield return new FuzzTarget(EndpointKind.Api, method, "/hubs/dojo", transport, method == "POST" ? ["application/octet-stream", "text/plain"] : [], null, []);
        }

        yield return new FuzzTarget(EndpointKind.Api, "POST", "/hubs/dojo/negotiate", [Query("negotiateVersion", """{"type":"integer"}"""), Query("access_token")], [], null, []);
    }

    private static IEnumerable<FuzzTarget> Pages()
    {
        yield return Page("GET", "/account/login", [Query("returnUrl"), Query("tenant")], []);
        yield return Page("POST", "/account/login", [], ["__RequestVerificationToken", "returnUrl", "tenant", "email", "password"]);
        yield return Page("GET", "/account/login/code", [], []);
        yield return Page("POST", "/account/login/code", [], ["__RequestVerificationToken", "code"]);
        yield return Page("GET", "/account/invitation", [Query("token")], []);
        yield return Page("POST", "/account/invitation", [], ["__RequestVerificationToken", "token", "displayName", "password"]);
        yield return Page("GET", "/account/forgot-password", [Query("tenant")], []);
        yield return Page("POST", "/account/forgot-password", [], ["__RequestVerificationToken", "tenant", "email"]);
        yield return Page("GET", "/account/reset-password", [Query("token")], []);
        yield return Page("POST", "/account/reset-password", [], ["__RequestVerificationToken", "token", "password"]);
    }

    private static FuzzTarget Page(string method, string path, FuzzParameter[] query, string[] form) =>
        new(EndpointKind.Page, method, path, query, form.Length > 0 ? ["application/x-www-form-urlencoded"] : [], null, form);

    private static IEnumerable<FuzzTarget> OAuth()
    {
        string[] authorize = ["client_id", "response_type", "scope", "redirect_uri", "code_challenge", "code_challenge_method", "state", "prompt", "nonce", "response_mode"];
        string[] token = ["grant_type", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token", "scope", "username", "password"];
        string[] logout = ["post_logout_redirect_uri", "id_token_hint", "client_id", "state"];
        yield return OAuthTarget("GET", "/connect/authorize", authorize, inQuery: true);
        yield return OAuthTarget("POST", "/connect/authorize", authorize, inQuery: false);
        yield return OAuthTarget("POST", "/connect/token", token, inQuery: false);
        yield return OAuthTarget("GET", "/connect/logout", logout, inQuery: true);
        yield return OAuthTarget("POST", "/connect/logout", logout, inQuery: false);
        yield return OAuthTarget("GET", "/connect/userinfo", [], inQuery: true);
        yield return OAuthTarget("POST", "/connect/userinfo", ["access_token"], inQuery: false);
    }

    private static FuzzTarget OAuthTarget(string method, string path, string[] fields, bool inQuery) =>
        new(EndpointKind.OAuth, method, path, inQuery ? [.. fields.Select(field => Query(field))] : [],
            inQuery ? [] : ["application/x-www-form-urlencoded"], null, inQuery ? [] : fields);
}
