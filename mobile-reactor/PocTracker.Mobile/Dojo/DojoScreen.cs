using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Dojo;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Dojo;

/// <summary>
/// The dojo's rooms: the open ones (pull to refresh), a new one (name and language, typed here as drafts until
/// created), a tap to join one, and per room: close it, or save its text to its POC as a code note.
/// A room just created is entered at once.
/// </summary>
public sealed class DojoScreen : MvuPage<RoomsState, RoomsMessage, RoomsEffect>
{
    private const string NameDraft = "name";
    private const string LanguageDraft = "language";

    protected override IPage<RoomsState, RoomsMessage, RoomsEffect> CreatePage(IServiceProvider services) =>
        new RoomsPage();

    protected override IEffects<RoomsEffect, RoomsMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<RoomsEffects>(services);

    protected override void AfterChange(RoomsState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Created is { } created)
        {
            // The page forgets the new room once opened, so coming back here does not enter it again.
            Dispatch(new RoomOpened());
            _ = Navigation.PushAsync<DojoRoomScreen, DojoRoomProps>(p =>
            {
                p.RoomId = created.Id;
                p.Name = created.Name;
            });
        }
    }

    protected override VisualNode RenderPage(RoomsState state) =>
        ContentPage(
            Grid("Auto,Auto,Auto,*", "*",
                Grid("Auto", "*,*,Auto",
                    Entry()
                        .Placeholder(T("RoomName"))
                        .Text(Draft(NameDraft))
                        .OnTextChanged(text => SetDraft(NameDraft, text)),
                    Entry()
                        .Placeholder(T("RoomLanguage"))
                        .Text(Draft(LanguageDraft))
                        .OnTextChanged(text => SetDraft(LanguageDraft, text))
                        .GridColumn(1),
                    Button(T("Create"))
                        .IsEnabled(!state.Creating)
                        .OnClicked(() => Dispatch(new RoomCreateRequested(Draft(NameDraft), Draft(LanguageDraft), null)))
                        .GridColumn(2))
                    .ColumnSpacing(8)
                    .Padding(16, 8),
                Common.FailureLabel<DojoText>(state.Problem)?.GridRow(1),
                state.SavedNote is { } note
                    ? Label(T("SavedToPoc", note.Title)).TextColor(AppTheme.Primary).Padding(16, 4).GridRow(2)
                    : null,
                RefreshView(
                    CollectionView()
                        .ItemsSource(state.Rooms, room => RenderRoom(state, room))
                        .EmptyView(Label(state.Loading ? "…" : T("NoRooms")).Center()))
                    .IsRefreshing(state.Loading)
                    .OnRefreshing(() => Dispatch(new RoomsRefreshRequested()))
                    .GridRow(3)))
        .Title(T("Title"));

    private VisualNode RenderRoom(RoomsState state, RoomDto room) =>
        Border(
            Grid("Auto,Auto", "*,Auto",
                VStack(spacing: 2,
                    Label(room.Name).FontAttributes(MauiControls.FontAttributes.Bold),
                    Label($"{room.Language} · {room.CreatedAt.LocalDateTime:g}").FontSize(13).TextColor(AppTheme.Muted)),
                room.ClosedAt is null ? null : Label(T("Closed")).TextColor(AppTheme.Muted).GridColumn(1),
                HStack(spacing: 8,
                    room.PocId is not null
                        ? Button(T("SaveToPoc")).ThemeKey(AppTheme.Selector.Secondary)
                            .IsEnabled(state.Working is null)
                            .OnClicked(() => Dispatch(new RoomSaveToPocRequested(room.Id)))
                        : null,
                    room.ClosedAt is null
                        ? Button(T("CloseRoom")).ThemeKey(AppTheme.Selector.Secondary)
                            .IsEnabled(state.Working is null)
                            .OnClicked(() => Dispatch(new RoomCloseRequested(room.Id)))
                        : null)
                    .GridRow(1)
                    .GridColumnSpan(2)),
            // An open room is joined with a tap on it.
            room.ClosedAt is null
                ? new TapGestureRecognizer(async () => await Navigation.PushAsync<DojoRoomScreen, DojoRoomProps>(p =>
                {
                    p.RoomId = room.Id;
                    p.Name = room.Name;
                }))
                : null)
        .Padding(12, 8)
        .Margin(8, 4)
        .StrokeThickness(0);

    /// <summary>A text of this page, from the core's DojoText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<DojoText>(key, arguments);
}
