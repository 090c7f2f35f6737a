using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Web.SignIn;

/// <summary>What the web app keeps in the browser's storage, as source-generated JSON (the app runs trimmed).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TokenSet))]
[JsonSerializable(typeof(PendingSignIn))]
internal sealed partial class WebJson : JsonSerializerContext;

/// <summary>A sign-in under way: the SDK's attempt and the page to go back to.</summary>
internal sealed record PendingSignIn(PendingAuthorization Authorization, string ReturnPath);
