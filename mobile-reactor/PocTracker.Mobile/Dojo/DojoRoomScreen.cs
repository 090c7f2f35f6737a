using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Dojo;

/// <summary>Which room to join, and its name for the title.</summary>
public sealed class DojoRoomProps
{
    public Guid RoomId { get; set; }

    public string? Name { get; set; }
}

/// <summary>
/// One dojo room: the shared text in a MAUI <c>Editor</c>, who else is in it, and the connection. The platform editor
/// reports only "the text is now this" (no deltas): each change goes to the core whole, with the cursor
/// (<see cref="EditorTyped"/>), and the core's <see cref="WholeTextEditor"/> diffs it against what the session last had
/// and submits that. Remote edits come back as a new <see cref="RoomState.Text"/>, which the editor then shows; the
/// TextChanged that setting it raises carries the same text, which the core ignores. Leaving the page disposes the
/// loop, which cancels the join effect and so leaves the session.
/// </summary>
public sealed class DojoRoomScreen : MvuPage<RoomState, RoomMessage, RoomEffect, DojoRoomProps>
{
    protected override IPage<RoomState, RoomMessage, RoomEffect> CreatePage(IServiceProvider services) =>
        new RoomPage(Props.RoomId);

    protected override IEffects<RoomEffect, RoomMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<RoomEffects>(services);

    protected override void AfterChange(RoomState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(RoomState state) =>
        ContentPage(
            Grid("Auto,Auto,*", "*",
                Grid("Auto", "*,Auto",
                    Label(state.Connection == RoomConnectionStatus.Connected
                            ? T("Participants") + ": " + string.Join(", ", state.Participants.Select(p => p.Name ?? T("Anonymous")))
                            : T("Connection_" + state.Connection))
                        .FontSize(13)
                        .TextColor(state.Connection == RoomConnectionStatus.Connected ? AppTheme.Muted : AppTheme.Warning)
                        .VCenter(),
                    !state.Joined && state.Connection == RoomConnectionStatus.Disconnected
                        ? Button(T("Rejoin")).OnClicked(() => Dispatch(new RoomRejoinRequested())).GridColumn(1)
                        : null)
                    .Padding(12, 6),
                Common.FailureLabel<DojoText>(state.Problem)?.GridRow(1),
                Editor()
                    .Text(state.Text)
                    .FontFamily("monospace")
                    .FontSize(14)
                    .IsReadOnly(!state.Joined)
                    .AutoSize(MauiControls.EditorAutoSizeOption.Disabled)
                    // The sender is the platform editor: its cursor goes with the text (the core sends it as presence).
                    .OnTextChanged((sender, args) =>
                        Dispatch(new EditorTyped(args.NewTextValue ?? "", (sender as MauiControls.Editor)?.CursorPosition ?? (args.NewTextValue ?? "").Length)))
                    .Margin(8)
                    .GridRow(2)))
        .Title(Props.Name ?? T("Title"));

    /// <summary>A text of this page, from the core's DojoText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<DojoText>(key, arguments);
}
