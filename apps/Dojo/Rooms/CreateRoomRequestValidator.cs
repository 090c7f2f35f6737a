using FluentValidation;
using PocTracker.Contracts.Dojo;
using PocTracker.ServiceDefaults.Validation;

namespace PocTracker.Dojo.Rooms;

/// <summary>The rules a new room's body must meet; every broken rule is reported by field.</summary>
internal sealed class CreateRoomRequestValidator : AbstractValidator<CreateRoomRequest>
{
    public const int MaxNameLength = 100;
    public const int MaxLanguageLength = 40;

    public CreateRoomRequestValidator()
    {
        // The shared input-text rule first (no NUL, lone surrogate or Unicode noncharacter), then something visible.
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop)
            .MustBeInputText()
            .MustHaveVisibleCharacter().WithMessage("A name is required: at least one visible character.")
            .Must(name => name!.Trim().Length <= MaxNameLength).WithMessage($"The name is longer than {MaxNameLength} characters.");
        RuleFor(r => r.Language)
            .Must(language => !string.IsNullOrWhiteSpace(language)).WithMessage("A language is required (e.g. csharp, typescript, plaintext).")
            .Must(language => language is null || IsLanguageId(language.Trim()))
            .WithMessage($"A language is 1 to {MaxLanguageLength} lower-case letters, digits or + # . - (an editor's language id).");
        RuleFor(r => r.PocId)
            .Must(id => id != Guid.Empty).When(r => r.PocId is not null).WithMessage("pocId is not a POC id.");
    }

    // Editors name languages with short ids ("csharp", "c++", "objective-c"): anything else is a typo
    // or an attempt to smuggle text into the editor's configuration.
    private static bool IsLanguageId(string language) =>
        language.Length is > 0 and <= MaxLanguageLength &&
        language.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '#' or '.' or '-');
}
