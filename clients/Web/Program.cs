using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using PocTracker.Web;
using PocTracker.Web.Localisation;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
builder.Services.AddWebApp(new Uri(builder.HostEnvironment.BaseAddress));
var host = builder.Build();
// Before the first render: Blazor loads the resources of the culture the app starts with.
await host.Services.GetRequiredService<AppCultures>().ApplyAtStartAsync();
await host.RunAsync();
