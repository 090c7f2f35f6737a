using System.Data;
using Dapper;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>Lets Dapper pass and read <see cref="DateOnly"/> (PostgreSQL <c>date</c>) the way Npgsql supports it.</summary>
public sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
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

    private static int registered;

    /// <summary>Registers the handler with Dapper once per process (app databases do it themselves).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
        }
    }
}
