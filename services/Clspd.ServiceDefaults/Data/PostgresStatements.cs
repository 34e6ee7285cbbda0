using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Adapts a statement shared by every provider to PostgreSQL where Dapper treats Npgsql apart:
/// Dapper expands <c>IN @Names</c> into one parameter per element on SQLite and SQL Server, but
/// hands Npgsql the whole array as one parameter, which PostgreSQL reads with <c>= ANY(@Names)</c>
/// (<c>NOT IN</c>: <c>&lt;&gt; ALL</c>). Each statement is adapted once.
/// </summary>
public static partial class PostgresStatements
{
    private static readonly ConcurrentDictionary<string, string> s_adapted = new(StringComparer.Ordinal);

    public static string Adapt(string sql) => s_adapted.GetOrAdd(sql, static text =>
        In().Replace(NotIn().Replace(text, "<> ALL(@$1)"), "= ANY(@$1)"));

    [GeneratedRegex(@"\bNOT\s+IN\s+@(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotIn();

    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex In();
}
