using FluentValidation;
using PocTracker.Contracts.Pocs;

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
        RuleFor(r => r.Title)
            .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("A title is required.")
            .MaximumLength(MaxTitleLength).WithMessage($"The title is longer than {MaxTitleLength} characters.");
        RuleFor(r => r.Language).MaximumLength(MaxLanguageLength)
            .WithMessage($"The language is longer than {MaxLanguageLength} characters.");
        RuleFor(r => r.Content)
            .NotNull().WithMessage("The content is required (it may be empty).")
            .MaximumLength(MaxContentLength).WithMessage($"The content is longer than {MaxContentLength} characters.");
        RuleFor(r => r.Source).MaximumLength(MaxSourceLength)
            .WithMessage($"The source is longer than {MaxSourceLength} characters.");

        // PostgreSQL text holds neither NUL nor invalid UTF-16 (a lone surrogate cannot be encoded
        // as UTF-8): refuse them as bad input rather than fail at the database.
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (field, value) in new[]
                     {
                         ("title", request.Title), ("language", request.Language), ("content", request.Content), ("source", request.Source),
                     })
            {
                if (value is not null && !IsStorable(value))
                {
                    context.AddFailure(field, "Text may not contain NUL characters or lone UTF-16 surrogates.");
                }
            }
        });
    }

    private static bool IsStorable(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
