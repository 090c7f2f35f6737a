using FluentValidation.Results;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.ServiceDefaults.UnitTests;

public sealed class ProblemTypesTests
{
    [Theory]
    [InlineData(400, "malformed-request")]
    [InlineData(401, "unauthorized")]
    [InlineData(404, "not-found")]
    [InlineData(412, "precondition-failed")]
    [InlineData(428, "precondition-required")]
    [InlineData(500, "internal-error")]
    public void Each_status_has_a_stable_type(int status, string code)
    {
        var type = ProblemTypes.ForStatus(status);

        Assert.Equal($"https://poctracker.dev/problems/{code}", type);
        Assert.Equal(code, ProblemTypes.CodeOf(type));
    }

    [Fact]
    public void Validation_errors_are_keyed_by_json_field_names()
    {
        var result = new ValidationResult(
        [
            new ValidationFailure("FinishedOn", "too early"),
            new ValidationFailure("Tags[2]", "too long"),
            new ValidationFailure("Tags[2]", "too long"),
            new ValidationFailure("Address.StreetName", "missing"),
        ]);

        var errors = result.ToProblemErrors();

        Assert.Equal(["too early"], errors["finishedOn"]);
        Assert.Equal(["too long"], errors["tags[2]"]);
        Assert.Equal(["missing"], errors["address.streetName"]);
    }
}
