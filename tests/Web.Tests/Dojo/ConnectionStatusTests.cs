using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Web.Dojo;

namespace PocTracker.Web.Tests.Dojo;

public sealed class ConnectionStatusTests : WebTestContext
{
    [Theory]
    [InlineData(ConnectionStatus.View.Connected, "Connected", null)]
    [InlineData(ConnectionStatus.View.Reconnecting, "Reconnecting…", "Keep typing: your changes are kept and sent when the connection is back.")]
    [InlineData(ConnectionStatus.View.Offline, "Offline", "Not connected to the room. Your changes stay on this page.")]
    public void The_state_is_announced_politely_and_says_what_happens_to_typing(ConnectionStatus.View state, string label, string? note)
    {
        var status = Render<ConnectionStatus>(p => p.Add(s => s.State, state));

        var region = status.Find("[role=status]");
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal(label, status.Find(".connection").TextContent);
        Assert.Equal(note, status.FindAll(".connection-note").SingleOrDefault()?.TextContent);
    }

    [Theory]
    [InlineData(HubConnectionState.Connected, ConnectionStatus.View.Connected)]
    [InlineData(HubConnectionState.Connecting, ConnectionStatus.View.Reconnecting)]
    [InlineData(HubConnectionState.Reconnecting, ConnectionStatus.View.Reconnecting)]
    [InlineData(HubConnectionState.Disconnected, ConnectionStatus.View.Offline)]
    public void The_sdks_states_map_to_three_words(HubConnectionState state, ConnectionStatus.View view) =>
        Assert.Equal(view, ConnectionStatus.Of(state));

    [Fact]
    public void Every_participant_colour_has_its_own_css_class()
    {
        var classes = ParticipantColours.All.Select(ParticipantPalette.ClassOf).ToList();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"dojo-colour-{i}"), classes);
        var css = File.ReadAllText(Path.Combine(RepositoryRoot(), "clients", "Web", "wwwroot", "css", "dojo.css"));
        Assert.All(ParticipantColours.All.Select((colour, i) => $".dojo-colour-{i} {{ --dojo-colour: {colour};"), rule => Assert.Contains(rule, css, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PocTracker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PocTracker.sln not found above the test's directory.");
    }
}
