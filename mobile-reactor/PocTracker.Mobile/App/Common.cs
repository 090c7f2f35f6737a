using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.App;

/// <summary>Pieces several pages draw the same way: a failure's message and a field's errors.</summary>
public static class Common
{
    /// <summary>
    /// What went wrong, in words: the core's <see cref="FailureTexts"/> key in the page's own texts
    /// (<typeparamref name="TText"/>: every feature's .resx has Offline, SignedOut, Unexpected and TryAgainInMinutes),
    /// or the server's own title for a refusal it explained.
    /// </summary>
    public static VisualNode? FailureLabel<TText>(Failure? failure)
    {
        if (failure is null)
        {
            return null;
        }

        var key = FailureTexts.KeyOf(failure);
        var text = key switch
        {
            null => failure.Detail ?? "",
            FailureTexts.TryAgainInMinutes => Texts.T<TText>(key, failure.MinutesToWait() ?? 1),
            _ => Texts.T<TText>(key),
        };
        return Label(text).ThemeKey(AppTheme.Selector.Error);
    }

    /// <summary>
    /// The field errors of a validation problem for one field, under its input. The server names fields in camelCase
    /// (its JSON): compared without case.
    /// </summary>
    public static VisualNode? FieldErrors(Failure? failure, string field)
    {
        var errors = failure?.FieldErrors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
        return errors is { Count: > 0 }
            ? Label(string.Join('\n', errors)).ThemeKey(AppTheme.Selector.Error).FontSize(13)
            : null;
    }
}
