using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Dojo;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Dojo;

/// <summary>The dojo's rooms: the open ones (pull to refresh), a new one by name, and a tap to join one.</summary>
public sealed class DojoScreen : MvuPage<DojoRoomsState, DojoRoomsMessage, DojoRoomsEffect>
{
    protected override IPage<DojoRoomsState, DojoRoomsMessage, DojoRoomsEffect> CreatePage(IServiceProvider services) =>
        new DojoRoomsPage();

    protected override IEffects<DojoRoomsEffect, DojoRoomsMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<DojoRoomsEffects>(services);

    protected override void AfterChange(DojoRoomsState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Created is { } created)
        {
            // A room just made: go straight into it (the page forgets it so coming back does not re-enter).
            Dispatch(new RoomOpened(created.Id));
            _ = Navigation.PushAsync<DojoRoomScreen, DojoRoomProps>(p => p.RoomId = created.Id);
        }
    }

    protected override VisualNode RenderPage(DojoRoomsState state) =>
        ContentPage(
            Grid("Auto,Auto,*", "*",
                Grid("Auto", "*,Auto",
                    Entry()
                        .Placeholder(T("Dojo.NewRoomName"))
                        .Text(state.NewRoomName)
                        .OnTextChanged(text => Dispatch(new RoomNameChanged(text))),
                    Button(T("Dojo.Create"))
                        .IsEnabled(!state.Creating)
                        .OnClicked(() => Dispatch(new RoomCreateRequested()))
                        .GridColumn(1))
                    .ColumnSpacing(8)
                    .Padding(16, 8),
                Common.FailureLabel(state.Problem)?.GridRow(1),
                RefreshView(
                    CollectionView()
                        .ItemsSource(state.Rooms, RenderRoom)
                        .EmptyView(Label(state.Loading ? T("Dojo.Loading") : T("Dojo.NoRooms")).Center()))
                    .IsRefreshing(state.Loading)
                    .OnRefreshing(() => Dispatch(new RoomsRefreshRequested()))
                    .GridRow(2)))
        .Title(T("Dojo.Title"));

    private VisualNode RenderRoom(RoomDto room) =>
        Border(
            VStack(spacing: 2,
                Label(room.Name).FontAttributes(MauiControls.FontAttributes.Bold),
                Label($"{room.Language} · {room.CreatedAt.LocalDateTime:g}").FontSize(13).TextColor(AppTheme.Muted)),
            new TapGestureRecognizer(async () => await Navigation.PushAsync<DojoRoomScreen, DojoRoomProps>(p => p.RoomId = room.Id)))
        .Padding(12, 8)
        .Margin(8, 4)
        .StrokeThickness(0);

    /// <summary>A text of this page, from the core's DojoText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<DojoText>(key, arguments);
}
