using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocList;

namespace PocTracker.Mobile.Core.Device;

/// <summary>The JSON of what the core keeps in the <see cref="IDeviceCache"/>, generated at build time (the app is trimmed).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<PendingEdit>))]
[JsonSerializable(typeof(CachedSearch))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(PocDto))]
internal sealed partial class MobileJson : JsonSerializerContext;
