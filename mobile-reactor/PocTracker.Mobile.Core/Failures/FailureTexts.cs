namespace PocTracker.Mobile.Core.Failures;

/// <summary>
/// The text key a view shows for a failure; every feature's texts (ReportsText, YearVideoText, DojoText, AccountText)
/// hold these keys. A refusal other than a 429 has no key: the view shows the server's problem title (already in the
/// person's language) and its field errors by the form's fields.
/// </summary>
public static class FailureTexts
{
    public const string Offline = "Offline";
    public const string SignedOut = "SignedOut";
    public const string Unexpected = "Unexpected";

    /// <summary>Takes <see cref="FailureWaits.MinutesToWait"/> as its argument.</summary>
    public const string TryAgainInMinutes = "TryAgainInMinutes";

    /// <summary>The key for <paramref name="failure"/>, or null when the server's own words are to be shown.</summary>
    public static string? KeyOf(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            FailureKind.Offline => Offline,
            FailureKind.SignedOut => SignedOut,
            FailureKind.Refused when failure.MinutesToWait() is not null => TryAgainInMinutes,
            FailureKind.Refused when failure.Detail is not null => null,
            _ => Unexpected,
        };
    }
}
