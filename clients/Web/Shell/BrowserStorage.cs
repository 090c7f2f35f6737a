using Microsoft.JSInterop;

namespace PocTracker.Web.Shell;

/// <summary>The browser's Web Storage through the page's script: <c>sessionStorage</c> (this tab, until it closes) or <c>localStorage</c>.</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    public const string Session = "sessionStorage";
    public const string Local = "localStorage";

    public ValueTask<string?> GetAsync(string area, string key) => js.InvokeAsync<string?>("pocTracker.storage.get", area, key);

    public ValueTask SetAsync(string area, string key, string value) => js.InvokeVoidAsync("pocTracker.storage.set", area, key, value);

    public ValueTask RemoveAsync(string area, string key) => js.InvokeVoidAsync("pocTracker.storage.remove", area, key);
}
