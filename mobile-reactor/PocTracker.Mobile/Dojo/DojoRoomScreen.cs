using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Dojo;

/// <summary>Which room to join.</summary>
public sealed class DojoRoomProps
{
    public Guid RoomId { get; set; }
}

/// <summary>
/// One dojo room: the shared text, who is in it, and whether the session is connected. The platform editor reports
/// only "the text is now this" (no deltas, no selections), so each change goes to the core whole: its whole-text
/// editor diffs it against what the session last had and submits that (the SDK's <c>EditorBinding.OnLocalTextReplaced</c>);
/// remote edits come back as a new <c>Text</c> in the state, which the editor then shows. Leaving the page disposes
/// the loop, which closes the session.
/// </summary>
public sealed class DojoRoomScreen : MvuPage<DojoRoomState, DojoRoomMessage, DojoRoomEffect, DojoRoomProps>
{
    protected override IPage<DojoRoomState, DojoRoomMessage, DojoRoomEffect> CreatePage(IServiceProvider services) =>
        new DojoRoomPage(Props.RoomId);

    protected override IEffects<DojoRoomEffect, DojoRoomMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<DojoRoomEffects>(services);

    protected override void AfterChange(DojoRoomState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(DojoRoomState state) =>
        ContentPage(
            Grid("Auto,Auto,*", "*",
                Label(state.Connected
                        ? T("DojoRoom.Participants", string.Join(", ", state.Participants.Select(p => p.Name)))
                        : T("DojoRoom.Connecting"))
                    .FontSize(13)
                    .TextColor(state.Connected ? AppTheme.Muted : AppTheme.Warning)
                    .Padding(12, 6),
                Common.FailureLabel(state.Problem)?.GridRow(1),
                Editor()
                    .Text(state.Text)
                    .FontFamily("monospace")
                    .FontSize(14)
                    .IsReadOnly(!state.Connected)
                    .AutoSize(MauiControls.EditorAutoSizeOption.Disabled)
                    // Setting Text from a remote edit raises TextChanged too: only what differs from the shared text is the person's.
                    .OnTextChanged(text =>
                    {
                        if (!string.Equals(text, state.Text, StringComparison.Ordinal))
                        {
                            Dispatch(new RoomTextEdited(text));
                        }
                    })
                    .Margin(8)
                    .GridRow(2)))
        .Title(state.RoomName ?? T("DojoRoom.Title"));

    /// <summary>A text of this page, from the core's DojoText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<DojoText>(key, arguments);
}
