namespace PocTracker.Mobile.Core.PocEdit;

/// <summary>
/// The PocEdit texts (PocEditText.resx, PocEditText.pt-BR.resx), read through <c>IStringLocalizer&lt;PocEditText&gt;</c>; the
/// constants are the keys, which the state carries instead of translated text.
/// </summary>
#pragma warning disable CA1724 // a marker type named after its folder's texts
public sealed class PocEditText
#pragma warning restore CA1724
{
    public const string NameRequired = nameof(NameRequired);

    public const string NameTooLong = nameof(NameTooLong);

    public const string NameAlreadyUsed = nameof(NameAlreadyUsed);

    public const string DescriptionTooLong = nameof(DescriptionTooLong);

    public const string NotesTooLong = nameof(NotesTooLong);

    public const string TooManyTags = nameof(TooManyTags);

    public const string TagTooLong = nameof(TagTooLong);

    public const string GitHubOnly = nameof(GitHubOnly);

    public const string FinishedBeforeStarted = nameof(FinishedBeforeStarted);

    public const string TagsWillBe = nameof(TagsWillBe);

    public const string Save = nameof(Save);

    public const string Saving = nameof(Saving);

    public const string Queued = nameof(Queued);

    public const string ConflictTitle = nameof(ConflictTitle);

    public const string Mine = nameof(Mine);

    public const string Theirs = nameof(Theirs);

    public const string KeepMine = nameof(KeepMine);

    public const string TakeTheirs = nameof(TakeTheirs);

    public const string Unavailable = nameof(Unavailable);

    public const string FieldName = nameof(FieldName);

    public const string FieldDescription = nameof(FieldDescription);

    public const string FieldLanguage = nameof(FieldLanguage);

    public const string FieldTags = nameof(FieldTags);

    public const string FieldRepositoryUrl = nameof(FieldRepositoryUrl);

    public const string FieldStatus = nameof(FieldStatus);

    public const string FieldStartedOn = nameof(FieldStartedOn);

    public const string FieldFinishedOn = nameof(FieldFinishedOn);

    public const string FieldNotes = nameof(FieldNotes);

    public const string FieldVisibility = nameof(FieldVisibility);

    public const string FieldGitHubUrl = nameof(FieldGitHubUrl);

    public const string FillFromGitHub = nameof(FillFromGitHub);

    public const string GitHubReading = nameof(GitHubReading);

    /// <summary>Takes the filled fields' names (the <c>Field…</c> texts, joined).</summary>
    public const string GitHubFilled = nameof(GitHubFilled);

    public const string GitHubNothingToFill = nameof(GitHubNothingToFill);

    /// <summary>Takes the kept fields' names.</summary>
    public const string GitHubKept = nameof(GitHubKept);

    public const string GitHubNotFound = nameof(GitHubNotFound);

    /// <summary>Takes <see cref="GitHubFill.RetryInSeconds"/>.</summary>
    public const string GitHubUnavailableFor = nameof(GitHubUnavailableFor);

    public const string GitHubUnavailable = nameof(GitHubUnavailable);

    public const string GitHubOffline = nameof(GitHubOffline);

    public const string GitHubFailed = nameof(GitHubFailed);
}
