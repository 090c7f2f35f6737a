using FluentValidation;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Validation;

namespace PocTracker.Pocs.CodeNotes;

/// <summary>What a code note must be; every broken rule is reported by field.</summary>
internal sealed class CodeNoteRequestValidator : AbstractValidator<CodeNoteRequest>
{
    public const int MaxTitleLength = 200;
    public const int MaxLanguageLength = 40;

    /// <summary>1 Mi UTF-16 code units: the dojo's document cap, so any room's document fits.</summary>
    public const int MaxContentLength = 1024 * 1024;

    public const int MaxSourceLength = 500;

    public CodeNoteRequestValidator()
    {
        // Every text field first meets the shared input-text rule (no NUL, lone surrogate or noncharacter).
        RuleFor(r => r.Title).Cascade(CascadeMode.Stop)
            .MustBeInputText()
            .MustHaveVisibleCharacter().WithMessage("A title is required: at least one visible character.")
            .MaximumLength(MaxTitleLength).WithMessage($"The title is longer than {MaxTitleLength} characters.");
        RuleFor(r => r.Language).Cascade(CascadeMode.Stop).MustBeInputText().MaximumLength(MaxLanguageLength)
            .WithMessage($"The language is longer than {MaxLanguageLength} characters.");
        RuleFor(r => r.Content).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("The content is required (it may be empty).")
            .MaximumLength(MaxContentLength).WithMessage($"The content is longer than {MaxContentLength} characters.")
            .MustBeInputText();
        RuleFor(r => r.Source).Cascade(CascadeMode.Stop).MustBeInputText().MaximumLength(MaxSourceLength)
            .WithMessage($"The source is longer than {MaxSourceLength} characters.");
    }
}
