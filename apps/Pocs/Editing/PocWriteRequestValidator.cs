using FluentValidation;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Text;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Validation;

namespace PocTracker.Pocs.Editing;

/// <summary>The rules a create or update body must meet; every broken rule is reported by field.</summary>
internal sealed class PocWriteRequestValidator : AbstractValidator<PocWriteRequest>
{
    public const int MaxDescriptionLength = 10_000;
    public const int MaxNotesLength = 50_000;
    public const int MaxNameLength = 200;

    public PocWriteRequestValidator()
    {
        // Every text field first meets the shared input-text rule (no NUL, lone surrogate or noncharacter),
        // which also keeps what the later rules normalise well-formed.
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop)
            .MustBeInputText()
            .MustHaveVisibleCharacter().WithMessage("A name is required: at least one visible character.")
            .Must(name => name!.Trim().Length <= MaxNameLength)
            .WithMessage($"The name is longer than {MaxNameLength} characters.");
        RuleFor(r => r.Description).Cascade(CascadeMode.Stop).MustBeInputText().MaximumLength(MaxDescriptionLength)
            .WithMessage($"The description is longer than {MaxDescriptionLength} characters.");
        RuleFor(r => r.Notes).Cascade(CascadeMode.Stop).MustBeInputText().MaximumLength(MaxNotesLength)
            .WithMessage($"The notes are longer than {MaxNotesLength} characters.");
        RuleFor(r => r.Language).Cascade(CascadeMode.Stop).MustBeInputText().MaximumLength(Language.MaxLength)
            .WithMessage($"The language is longer than {Language.MaxLength} characters.");

        RuleFor(r => r.Tags)
            .Must(tags => tags!.Count <= Tag.MaxCount).When(r => r.Tags is not null)
            .WithMessage($"At most {Tag.MaxCount} tags.");
        // One check per tag, first failure only (a Cascade on RuleForEach would stop at the first bad tag, not rule).
        RuleForEach(r => r.Tags).Custom((tag, context) =>
        {
            if (ProblemOf(tag) is { } problem)
            {
                context.AddFailure(problem);
            }
        });

        RuleFor(r => r.RepositoryUrl).Cascade(CascadeMode.Stop)
            .MustBeInputText()
            .Must(url => GitHubRepositoryUrl.Normalize(url!) is not null).When(r => !string.IsNullOrWhiteSpace(r.RepositoryUrl), ApplyConditionTo.CurrentValidator)
            .WithErrorCode("github-only").WithMessage(GitHubRepositoryUrl.Rule);

        RuleFor(r => r.Status)
            .Must(PocStatus.IsKnown).When(r => r.Status is not null)
            .WithMessage($"Status must be one of: {string.Join(", ", PocStatus.All)}.");
        RuleFor(r => r.Visibility)
            .Must(PocVisibility.IsKnown).When(r => r.Visibility is not null)
            .WithMessage($"Visibility must be one of: {string.Join(", ", PocVisibility.All)}.");
        RuleFor(r => r.FinishedOn)
            .GreaterThanOrEqualTo(r => r.StartedOn).When(r => r.StartedOn is not null && r.FinishedOn is not null)
            .WithMessage("finishedOn cannot be before startedOn.");
    }

    private static string? ProblemOf(string? tag)
    {
        if (tag is null)
        {
            return "A tag is text; null is not a tag.";
        }

        if (InputText.FindFault(tag) is { } fault)
        {
            return fault.Message;
        }

        var normalized = Tag.Normalize(tag);
        return normalized.Length == 0 ? "A tag needs at least one letter or digit."
            : normalized.Length > Tag.MaxLength ? $"A tag is at most {Tag.MaxLength} characters."
            : null;
    }
}
