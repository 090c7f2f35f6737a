using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Video;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Mobile.Platform;

namespace PocTracker.Mobile.YearVideo;

/// <summary>
/// The year video: ask for one (narrated in English or pt-BR), follow its progress and stage while the server makes
/// it, and play a finished one. Playing hands the MP4 the core saved in the cache to the phone's video player
/// (<c>Launcher</c>, through <see cref="IDeviceFiles.OpenAsync"/>): MauiReactor wraps no media element of its own.
/// </summary>
public sealed class YearVideoScreen : MvuPage<YearVideoState, YearVideoMessage, YearVideoEffect>
{
    private static readonly string[] Cultures = [VideoCultures.English, VideoCultures.Portuguese];

    protected override IPage<YearVideoState, YearVideoMessage, YearVideoEffect> CreatePage(IServiceProvider services) =>
        new YearVideoPage(AppLanguage.Current);

    protected override IEffects<YearVideoEffect, YearVideoMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<YearVideoEffects>(services);

    protected override void AfterChange(YearVideoState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Playing is { } playing)
        {
            // The player is another app: there is no "closed" to wait for, so the page is told at once.
            Dispatch(new VideoPlayerClosed());
            _ = Services.GetRequiredService<IDeviceFiles>().OpenAsync(playing.File, CancellationToken.None);
        }
    }

    protected override VisualNode RenderPage(YearVideoState state) =>
        ContentPage(
            ScrollView(
                VStack(spacing: 12,
                    Label(T("Culture")).FontSize(12).TextColor(AppTheme.Muted),
                    Picker()
                        .ItemsSource(Cultures.Select(c => (object)T("Culture_" + c)).ToList())
                        .SelectedIndex(Array.IndexOf(Cultures, state.Culture))
                        .OnSelectedIndexChanged((int i) =>
                        {
                            if (i >= 0)
                            {
                                Dispatch(new VideoCultureChosen(Cultures[i]));
                            }
                        }),
                    Button(T("Request"))
                        .IsEnabled(!state.Requesting && state.InProgress is null)
                        .OnClicked(() => Dispatch(new VideoRequested())),
                    RenderInProgress(state.InProgress),
                    Common.FailureLabel<YearVideoText>(state.Problem),
                    Label(T("Videos")).ThemeKey(AppTheme.Selector.Title).FontSize(18),
                    VStack(spacing: 4, state.Videos.Select(v => RenderVideo(state, v)).ToArray()))
                .Padding(16)))
        .Title(T("Title"));

    private static VisualNode? RenderInProgress(VideoDto? video) =>
        video is null
            ? null
            : VStack(spacing: 4,
                video.Stage is { } stage ? Label(T("Stage_" + stage)) : null,
                Label(T("Status_" + video.Status, video.Progress)),
                ProgressBar().Progress(video.Progress / 100.0).ProgressColor(AppTheme.Primary));

    private VisualNode RenderVideo(YearVideoState state, VideoDto video) =>
        Grid("Auto", "*,Auto",
            VStack(
                Label($"{video.PeriodStart:d} – {video.PeriodEnd:d}"),
                Label(T("Status_" + video.Status, video.Progress)
                        + (video.DurationSeconds is { } seconds ? " · " + TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", System.Globalization.CultureInfo.InvariantCulture) : "")
                        + (video.Reason is { } reason ? " · " + reason : ""))
                    .FontSize(12).TextColor(AppTheme.Muted)),
            video.Status == VideoStatuses.Succeeded
                ? Button(state.Loading == video.Id ? T("Loading") : T("Play"))
                    .ThemeKey(AppTheme.Selector.Secondary)
                    .IsEnabled(state.Loading is null)
                    .OnClicked(() => Dispatch(new VideoPlayRequested(video.Id)))
                    .GridColumn(1)
                : null);

    /// <summary>A text of this page, from the core's YearVideoText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<YearVideoText>(key, arguments);
}
