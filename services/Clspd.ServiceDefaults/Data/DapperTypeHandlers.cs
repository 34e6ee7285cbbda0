using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Maps <see cref="DateTimeOffset"/> and <see cref="DateOnly"/> the same way on both providers:
/// native <c>datetimeoffset</c>/<c>date</c> on SQL Server; fixed-width UTC ISO-8601 text on SQLite,
/// so that text order is time order and range queries use indexes.
/// </summary>
public static class DapperTypeHandlers
{
    private static int s_registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1)
        {
            return;
        }

        // Dapper's built-in map wins over handlers for these types unless it is removed first.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    /// <summary>The SQLite text form of an instant: UTC, 7 fraction digits, fixed width.</summary>
    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    /// <summary>The length of the SQLite text form of an instant (<see cref="ToSqliteText"/>).</summary>
    public const int SqliteTextLength = 28;

    /// <summary>Writes the SQLite text form of an instant (<see cref="ToSqliteText"/>) without allocating; returns its length.</summary>
    public static int FormatSqliteText(DateTimeOffset value, Span<char> destination) =>
        value.UtcDateTime.TryFormat(destination, out var written, SqliteFormat, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException($"at least {SqliteTextLength} characters are needed", nameof(destination));

    private const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            // An instant kept to the tick where the column type would round it (PostgreSQL's audit trail): UTC ticks.
            long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
            // Fast path: the fixed-width form this handler writes; anything else (older rows,
            // hand-written SQL) through the general parser.
            string s when s.Length == 28 && DateTimeOffset.TryParseExact(s, SqliteFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact) => exact,
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"cannot read a DateTimeOffset from {value.GetType().Name}"),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                // Npgsql takes DateOnly as a date; SqlClient takes a DateTime.
                parameter.DbType = DbType.Date;
                parameter.Value = parameter is Npgsql.NpgsqlParameter ? value : value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime d => DateOnly.FromDateTime(d),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"cannot read a DateOnly from {value.GetType().Name}"),
        };
    }
}
