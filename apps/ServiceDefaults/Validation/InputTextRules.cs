using FluentValidation;
using PocTracker.Contracts.Text;

namespace PocTracker.ServiceDefaults.Validation;

/// <summary>
/// <see cref="InputText"/>, the shared rule for text fields, as FluentValidation rules. Put them first in a
/// chain with <c>Cascade(CascadeMode.Stop)</c> when later rules normalise the text.
/// </summary>
public static class InputTextRules
{
    /// <summary>Refuses NUL, lone surrogates and Unicode noncharacters, naming the first one; null passes (other rules say whether it is required).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeInputText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || InputText.IsAcceptable(text))
            .WithMessage((_, text) => InputText.FindFault(text)?.Message ?? "The text is not acceptable.");

    /// <summary>Requires something visible: null, blanks and zero-width characters alone fail (<see cref="InputText.HasVisibleCharacter"/>).</summary>
    public static IRuleBuilderOptions<T, string?> MustHaveVisibleCharacter<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is not null && InputText.HasVisibleCharacter(text));
}
