using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.App;

/// <summary>Pieces every page draws the same way: the offline banner and a failure's message.</summary>
public static class Common
{
    /// <summary>A strip at the top while the phone has no network (what is shown is the device cache's copy).</summary>
    public static VisualNode? OfflineBanner(bool offline, int pendingChanges = 0) =>
        offline
            ? Label(pendingChanges > 0 ? Texts.T("Offline.BannerPending", pendingChanges) : Texts.T("Offline.Banner"))
                .BackgroundColor(AppTheme.Warning)
                .TextColor(Colors.White)
                .Padding(12, 6)
            : null;

    /// <summary>What went wrong, in words for the person (the server's own title for a refusal).</summary>
    public static VisualNode? FailureLabel(Failure? failure) =>
        failure is null
            ? null
            : Label(failure.Kind switch
            {
                FailureKind.Offline => Texts.T("Failure.Offline"),
                FailureKind.SignedOut => Texts.T("Failure.SignedOut"),
                FailureKind.Refused when failure.IsConflict => Texts.T("Failure.Conflict"),
                FailureKind.Refused when failure.IsNotFound => Texts.T("Failure.NotFound"),
                FailureKind.Refused => failure.Detail ?? Texts.T("Failure.Refused"),
                _ => Texts.T("Failure.Unexpected"),
            }).ThemeKey(AppTheme.Selector.Error);

    /// <summary>
    /// The field errors of a validation problem for one field, under its input. The server names fields in camelCase
    /// (its JSON), the components by the core's field names: compared without case.
    /// </summary>
    public static VisualNode? FieldErrors(Failure? failure, string field)
    {
        var errors = failure?.FieldErrors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
        return errors is { Count: > 0 }
            ? Label(string.Join('\n', errors)).ThemeKey(AppTheme.Selector.Error).FontSize(13)
            : null;
    }
}
