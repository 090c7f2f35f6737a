using Dapper;

namespace PocTracker.Pocs.Catalog;

internal static class DynamicParametersExtensions
{
    /// <summary>Adds one parameter and returns the same bag, so a query's parameters read as one expression.</summary>
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
