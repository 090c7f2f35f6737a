using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocEdit;

namespace PocTracker.Mobile.PocEdit;

/// <summary>Which POC to edit; none for a new one.</summary>
public sealed class PocEditProps
{
    public Guid? PocId { get; set; }
}

/// <summary>
/// The POC form, new or edit. Every change sends the whole form to the core (<see cref="FormChanged"/>); the core
/// checks it on save (its errors are text keys, shown under their field, with the server's field errors), saves with
/// the version read (a change made meanwhile is a conflict: keep mine or take theirs, field by field shown), and
/// offline queues the save. Saved or queued, the page closes.
/// </summary>
public sealed class PocEditScreen : MvuPage<PocEditState, PocEditMessage, PocEditEffect, PocEditProps>
{
    private static readonly string[] Statuses = ["idea", "in-progress", "done", "dropped"];
    private static readonly string[] Visibilities = ["tenant", "private"];

    protected override IPage<PocEditState, PocEditMessage, PocEditEffect> CreatePage(IServiceProvider services) =>
        new PocEditPage(Props.PocId);

    protected override IEffects<PocEditEffect, PocEditMessage> CreateEffects(IServiceProvider services) =>
        services.GetRequiredService<PocEditEffects>();

    protected override void AfterChange(PocEditState state)
    {
        if (state.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
        else if (state.Status is EditStatus.Saved or EditStatus.Queued)
        {
            _ = Navigation?.PopAsync();
        }
    }

    protected override VisualNode RenderPage(PocEditState state) =>
        ContentPage(
            ToolbarItem(state.Status == EditStatus.Saving ? T(PocEditText.Saving) : T(PocEditText.Save))
                .IsEnabled(state.Status == EditStatus.Editing)
                .OnClicked(() => Dispatch(new SaveTapped())),
            ScrollView(
                state.Status switch
                {
                    EditStatus.Loading => ActivityIndicator().IsRunning(true),
                    EditStatus.Unavailable => Label(T(PocEditText.Unavailable)),
                    EditStatus.Conflict => RenderConflict(state),
                    _ => RenderForm(state),
                })
            .Padding(16))
        .Title(state.IsNew ? Texts.T<Core.PocList.PocListText>(Core.PocList.PocListText.NewPoc) : state.Form.Name);

    private VStack RenderForm(PocEditState state)
    {
        var form = state.Form;
        return VStack(spacing: 6,
            state.Offline ? Label(T(PocEditText.Queued)).BackgroundColor(AppTheme.Warning).TextColor(Colors.White).Padding(12, 6) : null,
            state.ProblemTitle is { } problem ? Label(problem).ThemeKey(AppTheme.Selector.Error) : null,
            state.IsNew ? RenderFromGitHub(state) : null,
            Text(state, "name", PocEditText.FieldName, form.Name, text => form with { Name = text }),
            Text(state, "language", PocEditText.FieldLanguage, form.Language, text => form with { Language = text }),
            Text(state, "tags", PocEditText.FieldTags, string.Join(", ", form.Tags ?? []),
                text => form with { Tags = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) }),
            form.NormalizedTags.Count > 0 ? Label(T(PocEditText.TagsWillBe, string.Join(", ", form.NormalizedTags))).FontSize(12).TextColor(AppTheme.Muted) : null,
            Text(state, "repositoryUrl", PocEditText.FieldRepositoryUrl, form.RepositoryUrl, text => form with { RepositoryUrl = text }, Keyboard.Url),
            Choice(state, "status", PocEditText.FieldStatus, Statuses, form.Status, value => form with { Status = value }),
            Date(state, "startedOn", PocEditText.FieldStartedOn, form.StartedOn, date => form with { StartedOn = date }),
            Date(state, "finishedOn", PocEditText.FieldFinishedOn, form.FinishedOn, date => form with { FinishedOn = date }),
            LongText(state, "description", PocEditText.FieldDescription, form.Description, text => form with { Description = text }),
            LongText(state, "notes", PocEditText.FieldNotes, form.Notes, text => form with { Notes = text }),
            Choice(state, "visibility", PocEditText.FieldVisibility, Visibilities, form.Visibility, value => form with { Visibility = value }));
    }

    /// <summary>
    /// "From GitHub" (new POC only): the address, the button, and what the last fill did. The core fills only the fields
    /// left empty; this only names the fields (the Field… texts) and shows the server's words for a refused address.
    /// </summary>
    private VStack RenderFromGitHub(PocEditState state)
    {
        var github = state.GitHub;
        var reading = github?.Status == GitHubFillStatus.Reading;
        return VStack(spacing: 4,
            Label(T(PocEditText.FieldGitHubUrl)).FontSize(12).TextColor(AppTheme.Muted),
            Entry()
                .Text(state.GitHubUrl)
                .Placeholder("https://github.com/owner/repo")
                .Keyboard(Keyboard.Url)
                .OnTextChanged(text => Dispatch(new GitHubUrlChanged(text)))
                .OnCompleted(() => Dispatch(new FillFromGitHubTapped())),
            Button(reading ? T(PocEditText.GitHubReading) : T(PocEditText.FillFromGitHub))
                .ThemeKey(AppTheme.Selector.Secondary)
                .IsEnabled(!reading && state.Status == EditStatus.Editing)
                .OnClicked(() => Dispatch(new FillFromGitHubTapped())),
            github is { Status: GitHubFillStatus.Filled } filled ? Label(T(filled.MessageKey!, FieldLabels(filled.Filled))) : null,
            github is { Status: GitHubFillStatus.Filled, Kept: { Count: > 0 } kept } ? Label(T(PocEditText.GitHubKept, FieldLabels(kept))).FontSize(13).TextColor(AppTheme.Muted) : null,
            github is { Status: not (GitHubFillStatus.Filled or GitHubFillStatus.Reading) } failed
                ? Label(failed.MessageKey is { } key
                        ? T(key, failed.RetryInSeconds?.ToString(CultureInfo.CurrentCulture) ?? "")
                        : string.Join('\n', failed.UrlErrors is { Count: > 0 } errors ? errors : [failed.ProblemTitle ?? ""]))
                    .ThemeKey(AppTheme.Selector.Error).FontSize(13)
                : null);
    }

    private static string FieldLabels(IReadOnlyList<string>? fields) => string.Join(", ", (fields ?? []).Select(FieldLabel));

    /// <summary>Someone else saved first: both versions, then keep mine (saved over theirs) or take theirs.</summary>
    private VStack RenderConflict(PocEditState state) =>
        VStack(spacing: 8,
            Label(T(PocEditText.ConflictTitle)).ThemeKey(AppTheme.Selector.Title),
            VStack(spacing: 4, state.ConflictingFields.Select(field => (VisualNode?)Label(FieldLabel(field)).FontAttributes(MauiControls.FontAttributes.Bold)).ToArray()),
            Label(T(PocEditText.Mine) + ": " + state.Form.Name),
            state.Theirs is { } theirs ? Label(T(PocEditText.Theirs) + ": " + theirs.Name + " (v" + theirs.Version.ToString(CultureInfo.InvariantCulture) + ")") : ActivityIndicator().IsRunning(true),
            HStack(spacing: 8,
                Button(T(PocEditText.KeepMine)).IsEnabled(state.Theirs is not null).OnClicked(() => Dispatch(new KeepMineTapped())),
                Button(T(PocEditText.TakeTheirs)).ThemeKey(AppTheme.Selector.Secondary).IsEnabled(state.Theirs is not null)
                    .OnClicked(() => Dispatch(new TakeTheirsTapped()))));

    private VStack Text(PocEditState state, string field, string label, string value, Func<string, PocForm> change, Keyboard? keyboard = null) =>
        VStack(
            Label(T(label)).FontSize(12).TextColor(AppTheme.Muted),
            Entry()
                .Text(value)
                .Keyboard(keyboard ?? Keyboard.Default)
                .OnTextChanged(text => Dispatch(new FormChanged(change(text)))),
            Errors(state, field));

    private VStack LongText(PocEditState state, string field, string label, string value, Func<string, PocForm> change) =>
        VStack(
            Label(T(label)).FontSize(12).TextColor(AppTheme.Muted),
            Editor()
                .Text(value)
                .AutoSize(MauiControls.EditorAutoSizeOption.TextChanges)
                .OnTextChanged(text => Dispatch(new FormChanged(change(text)))),
            Errors(state, field));

    private VStack Choice(PocEditState state, string field, string label, string[] values, string value, Func<string, PocForm> change) =>
        VStack(
            Label(T(label)).FontSize(12).TextColor(AppTheme.Muted),
            Picker()
                .ItemsSource(values.Select(v => (object)v).ToList())
                .SelectedIndex(Array.IndexOf(values, value))
                .OnSelectedIndexChanged((int i) =>
                {
                    if (i >= 0 && values[i] != value)
                    {
                        Dispatch(new FormChanged(change(values[i])));
                    }
                }),
            Errors(state, field));

    /// <summary>A date typed as yyyy-MM-dd (empty for none); until it parses, the text stays a draft of the component.</summary>
    private VStack Date(PocEditState state, string field, string label, DateOnly? value, Func<DateOnly?, PocForm> change) =>
        VStack(
            Label(T(label)).FontSize(12).TextColor(AppTheme.Muted),
            Entry()
                .Placeholder("yyyy-MM-dd")
                .Text(State.Drafts.TryGetValue(field, out var draft) ? draft : value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")
                .OnTextChanged(text =>
                {
                    SetDraft(field, text);
                    if (text.Length == 0)
                    {
                        Dispatch(new FormChanged(change(null)));
                    }
                    else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date != value)
                    {
                        Dispatch(new FormChanged(change(date)));
                    }
                }),
            Errors(state, field));

    /// <summary>The core's own checks (text keys) and the server's field errors (already in words) for a field.</summary>
    private static VisualNode? Errors(PocEditState state, string field)
    {
        var local = state.LocalErrors.TryGetValue(field, out var keys) ? keys.Select(k => T(k)) : [];
        var server = state.ServerErrors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];
        var all = local.Concat(server).ToList();
        return all.Count > 0 ? Label(string.Join('\n', all)).ThemeKey(AppTheme.Selector.Error).FontSize(13) : null;
    }

    private static string FieldLabel(string field) =>
        T("Field" + char.ToUpperInvariant(field[0]) + field[1..]);

    /// <summary>A text of this page, from the core's PocEditText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<PocEditText>(key, arguments);
}
