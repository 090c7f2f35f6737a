using FluentValidation;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.Editing;

/// <summary>The rules a create or update body must meet; every broken rule is reported by field.</summary>
internal sealed class PocWriteRequestValidator : AbstractValidator<PocWriteRequest>
{
    public const int MaxDescriptionLength = 10_000;
    public const int MaxNotesLength = 50_000;
    public const int MaxNameLength = 200;

    public PocWriteRequestValidator()
    {
        RuleFor(r => r.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("A name is required.")
            .Must(name => name is null || name.Trim().Length <= MaxNameLength)
            .WithMessage($"The name is longer than {MaxNameLength} characters.");
        RuleFor(r => r.Description).MaximumLength(MaxDescriptionLength)
            .WithMessage($"The description is longer than {MaxDescriptionLength} characters.");
        RuleFor(r => r.Notes).MaximumLength(MaxNotesLength)
            .WithMessage($"The notes are longer than {MaxNotesLength} characters.");
        RuleFor(r => r.Language).MaximumLength(Language.MaxLength)
            .WithMessage($"The language is longer than {Language.MaxLength} characters.");

        RuleFor(r => r.Tags)
            .Must(tags => tags!.Count <= Tag.MaxCount).When(r => r.Tags is not null)
            .WithMessage($"At most {Tag.MaxCount} tags.");
        RuleForEach(r => r.Tags).ChildRules(tag => tag.RuleFor(t => t)
            .Must(t => t is not null && Tag.Normalize(t).Length > 0).WithMessage("A tag needs at least one letter or digit.")
            .Must(t => t is null || Tag.Normalize(t).Length <= Tag.MaxLength).WithMessage($"A tag is at most {Tag.MaxLength} characters.")
            .Must(t => t is null || !t.Contains('\0', StringComparison.Ordinal)).WithMessage("Text may not contain NUL characters."))
            .OverridePropertyName("tags");

        RuleFor(r => r.RepositoryUrl)
            .Must(url => GitHubRepositoryUrl.Normalize(url!) is not null).When(r => !string.IsNullOrWhiteSpace(r.RepositoryUrl))
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

        // PostgreSQL text cannot hold NUL; refuse it as bad input rather than fail at the database.
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (field, value) in new[]
                     {
                         ("name", request.Name), ("description", request.Description), ("language", request.Language),
                         ("repositoryUrl", request.RepositoryUrl), ("notes", request.Notes),
                     })
            {
                if (value is not null && value.Contains('\0', StringComparison.Ordinal))
                {
                    context.AddFailure(field, "Text may not contain NUL characters.");
                }
            }
        });
    }
}
