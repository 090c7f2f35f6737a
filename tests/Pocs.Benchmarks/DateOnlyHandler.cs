using System.Data;
using Dapper;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>Reads PostgreSQL <c>date</c> into <see cref="DateOnly"/>, as the app registers it for Dapper.</summary>
internal sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }

    public override DateOnly Parse(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => throw new DataException($"Cannot read {value.GetType()} as a date."),
    };
}
