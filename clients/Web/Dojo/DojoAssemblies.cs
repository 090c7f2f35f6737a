using Microsoft.AspNetCore.Components.WebAssembly.Services;

namespace PocTracker.Web.Dojo;

/// <summary>
/// BlazorMonaco's assembly (65 KB compressed) is loaded when a room opens, not with the app: like Monaco's scripts, it is
/// no part of the first load of <c>/</c> (docs/web.md, "Dojo"). Only the room page's editor touches its types.
/// </summary>
public static class DojoAssemblies
{
    public static Task LoadForAsync(LazyAssemblyLoader loader, string path)
    {
        ArgumentNullException.ThrowIfNull(loader);
        return path.StartsWith("dojo/", StringComparison.OrdinalIgnoreCase)
            ? loader.LoadAssembliesAsync(["BlazorMonaco.wasm"])
            : Task.CompletedTask;
    }
}
