using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>Typed results for the problems endpoints answer with, each carrying its stable type.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "One or more fields are invalid.",
            title: "The request is invalid.", type: ProblemTypes.ValidationFailed);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.", type: ProblemTypes.NotFound);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", type: ProblemTypes.Forbidden);

    public static ValidationProblem Validation(FluentValidation.Results.ValidationResult result) => Validation(result.ToProblemErrors());

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The resource changed since you read it.", type: ProblemTypes.PreconditionFailed);

    public static ProblemHttpResult PreconditionRequired(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status428PreconditionRequired,
            title: "A precondition is required.", type: ProblemTypes.PreconditionRequired);
}
