using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.PocEdit;

/// <summary>Where the form stands.</summary>
public enum EditStatus
{
    /// <summary>Reading the POC to edit (from the server, or the device offline).</summary>
    Loading,

    Editing,

    Saving,

    /// <summary>Stored on the server: the page closes (to <see cref="PocEditState.SavedId"/>'s detail).</summary>
    Saved,

    /// <summary>Offline: kept in the offline queue, sent when back online (shown as pending).</summary>
    Queued,

    /// <summary>Someone else saved the POC since it was opened (412): both versions shown, "keep mine" or "take theirs".</summary>
    Conflict,

    /// <summary>The POC to edit could not be read (gone, or offline and never cached).</summary>
    Unavailable,
}

/// <summary>
/// The create/edit page's state. <see cref="LocalErrors"/> hold text keys (<see cref="PocEditText"/>) the view
/// translates; <see cref="ServerErrors"/> the server's own messages (already in the person's language) by field.
/// A new POC also has "from GitHub": <see cref="GitHubUrl"/> as typed and the last fill's outcome (<see cref="GitHub"/>).
/// </summary>
public sealed record PocEditState(
    Guid? Id,
    int? Version,
    PocForm Form,
    EditStatus Status,
    IReadOnlyDictionary<string, IReadOnlyList<string>> LocalErrors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ServerErrors,
    IReadOnlyList<PocDto> KnownPocs,
    PocDto? Theirs = null,
    Guid? SavedId = null,
    string? ProblemTitle = null,
    bool Offline = false,
    bool SignedOut = false,
    string GitHubUrl = "",
    GitHubFill? GitHub = null)
{
    public bool IsNew => Id is null;

    /// <summary>During a conflict, the fields where the person's version and the server's differ.</summary>
    public IReadOnlyList<string> ConflictingFields => Theirs is { } theirs ? Form.ChangedFrom(PocForm.From(theirs)) : [];
}

public abstract record PocEditMessage;

public sealed record FormChanged(PocForm Form) : PocEditMessage;

public sealed record SaveTapped : PocEditMessage;

public sealed record KeepMineTapped : PocEditMessage;

/// <summary>The "from GitHub" address as typed.</summary>
public sealed record GitHubUrlChanged(string Url) : PocEditMessage;

public sealed record FillFromGitHubTapped : PocEditMessage;

public sealed record GitHubRepositoryRead(GitHubRepositoryPreview Repository) : PocEditMessage;

public sealed record TakeTheirsTapped : PocEditMessage;

public sealed record PocToEditRead(PocDto? Poc, bool FromDevice) : PocEditMessage;

public sealed record KnownPocsRead(IReadOnlyList<PocDto> Pocs) : PocEditMessage;

public sealed record SavedOnServer(PocDto Poc) : PocEditMessage;

public sealed record SaveQueued : PocEditMessage;

public sealed record TheirsRead(PocDto Poc) : PocEditMessage;

public sealed record EditFailed(PocEditEffect Effect, Failure Failure) : PocEditMessage;

public abstract record PocEditEffect;

/// <summary>The POC to edit from the server; from the device when offline.</summary>
public sealed record LoadPocToEdit(Guid Id) : PocEditEffect;

/// <summary>The POCs cached on the device, for the offline name check.</summary>
public sealed record ReadKnownPocs : PocEditEffect;

/// <summary>Create (no id) or update from <paramref name="Version"/>.</summary>
public sealed record SavePoc(Guid? Id, int? Version, PocWriteRequest Poc) : PocEditEffect;

/// <summary>Offline: put the save in the offline queue.</summary>
public sealed record QueueSave(Guid? Id, int? Version, PocWriteRequest Poc) : PocEditEffect;

/// <summary>What a POC from this GitHub repository would hold (the server asks GitHub; nothing is written).</summary>
public sealed record ReadGitHubRepository(string Url) : PocEditEffect;

/// <summary>After a 412: the server's version.</summary>
public sealed record LoadTheirs(Guid Id) : PocEditEffect;

/// <summary>The POC form (create when <paramref name="id"/> is null, edit otherwise); one instance per open form.</summary>
public sealed class PocEditPage(Guid? id) : IPage<PocEditState, PocEditMessage, PocEditEffect>
{
    private static readonly Dictionary<string, IReadOnlyList<string>> NoErrors = [];

    public Transition<PocEditState, PocEditEffect> Start()
    {
        var state = new PocEditState(id, null, new PocForm(), id is null ? EditStatus.Editing : EditStatus.Loading, NoErrors, NoErrors, []);
        return id is { } existing
            ? Transition.To<PocEditState, PocEditEffect>(state, new LoadPocToEdit(existing), new ReadKnownPocs())
            : Transition.To<PocEditState, PocEditEffect>(state, new ReadKnownPocs());
    }

    public Transition<PocEditState, PocEditEffect> Update(PocEditState state, PocEditMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            FormChanged changed => To(state with { Form = changed.Form, LocalErrors = NoErrors }),
            SaveTapped when state.Status is EditStatus.Editing => Save(state),
            SaveTapped => To(state),
            PocToEditRead { Poc: { } poc } read => To(state with { Form = PocForm.From(poc), Version = poc.Version, Status = EditStatus.Editing, Offline = read.FromDevice }),
            PocToEditRead => To(state with { Status = EditStatus.Unavailable }),
            KnownPocsRead known => To(state with { KnownPocs = known.Pocs }),
            SavedOnServer saved => To(state with { Status = EditStatus.Saved, SavedId = saved.Poc.Id, Version = saved.Poc.Version, Offline = false }),
            SaveQueued => To(state with { Status = EditStatus.Queued, Offline = true }),
            TheirsRead theirs => To(state with { Theirs = theirs.Poc }),
            KeepMineTapped when state is { Status: EditStatus.Conflict, Theirs: { } theirs } =>
                Save(state with { Version = theirs.Version, Theirs = null, Status = EditStatus.Editing }),
            TakeTheirsTapped when state is { Status: EditStatus.Conflict, Theirs: { } theirs } =>
                To(state with { Form = PocForm.From(theirs), Version = theirs.Version, Theirs = null, Status = EditStatus.Editing }),
            KeepMineTapped or TakeTheirsTapped => To(state),
            GitHubUrlChanged changed => To(state with { GitHubUrl = changed.Url, GitHub = null }),
            FillFromGitHubTapped when state is { IsNew: true, Status: EditStatus.Editing } && state.GitHub?.Status != GitHubFillStatus.Reading =>
                Transition.To<PocEditState, PocEditEffect>(state with { GitHub = GitHubFill.Reading }, new ReadGitHubRepository(state.GitHubUrl.Trim())),
            FillFromGitHubTapped => To(state),
            GitHubRepositoryRead read => FillFromGitHub(state, read.Repository),
            EditFailed failed => OnFailure(state, failed),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a form message."),
        };
    }

    public PocEditMessage Failed(PocEditEffect effect, Failure failure) => new EditFailed(effect, failure);

    private static Transition<PocEditState, PocEditEffect> Save(PocEditState state)
    {
        // The server allows two POCs with one name; offline the app does not, so that an edit queued blind (a create
        // that may already be stored, made again) does not end as a silent duplicate.
        var errors = state.Form.Check(state.Offline ? state.KnownPocs : [], state.Id);
        if (errors.Count > 0)
        {
            return To(state with { LocalErrors = errors });
        }

        var request = state.Form.ToRequest();
        var saving = state with { Status = EditStatus.Saving, LocalErrors = NoErrors, ServerErrors = NoErrors, ProblemTitle = null };
        return Transition.To<PocEditState, PocEditEffect>(saving, state.Offline ? new QueueSave(state.Id, state.Version, request) : new SavePoc(state.Id, state.Version, request));
    }

    private static Transition<PocEditState, PocEditEffect> OnFailure(PocEditState state, EditFailed failed)
    {
        var failure = failed.Failure;
        if (failure.Kind == FailureKind.SignedOut)
        {
            return To(state with
            {
                SignedOut = true,
                Status = state.Status == EditStatus.Saving ? EditStatus.Editing : state.Status,
                GitHub = failed.Effect is ReadGitHubRepository ? null : state.GitHub,
            });
        }

        return failed.Effect switch
        {
            ReadGitHubRepository => To(state with { GitHub = GitHubFill.Of(failure) }), // the form is untouched
            ReadKnownPocs or LoadTheirs => To(state), // extras: the name check then relies on the server, the conflict shows without theirs
            LoadPocToEdit => To(state with { Status = EditStatus.Unavailable }),
            SavePoc when failure.Kind == FailureKind.Offline => Save(state with { Offline = true, Status = EditStatus.Editing }), // checked again, offline rules
            SavePoc { Id: { } pocId } when failure.IsConflict =>
                Transition.To<PocEditState, PocEditEffect>(state with { Status = EditStatus.Conflict }, new LoadTheirs(pocId)),
            _ => To(state with
            {
                Status = EditStatus.Editing,
                ServerErrors = failure.FieldErrors,
                ProblemTitle = failure.Problem?.Title ?? failure.Detail,
            }),
        };
    }

    /// <summary>Only the fields the person left empty take GitHub's values (the web's rule): nothing typed is lost.</summary>
    private static Transition<PocEditState, PocEditEffect> FillFromGitHub(PocEditState state, GitHubRepositoryPreview repository)
    {
        var (form, filled, kept) = state.Form.FillEmptyFrom(repository);
        return To(state with { Form = form, LocalErrors = NoErrors, GitHub = new GitHubFill(GitHubFillStatus.Filled, filled, kept) });
    }

    private static Transition<PocEditState, PocEditEffect> To(PocEditState state) => Transition.To<PocEditState, PocEditEffect>(state);
}
