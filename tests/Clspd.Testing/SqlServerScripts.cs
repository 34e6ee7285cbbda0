using System.Reflection;
using Clspd.ServiceDefaults.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Clspd.Testing;

/// <summary>Parses SQL Server migration scripts with ScriptDom (syntax only: no server needed).</summary>
public static class SqlServerScripts
{
    /// <summary>Every parse error of every SQL Server script in the assembly, as "script line:col message".</summary>
    public static IReadOnlyList<string> ParseErrors(Assembly assembly)
    {
        var errors = new List<string>();
        var filter = MigrationScripts.Filter(DatabaseProvider.SqlServer);
        foreach (var name in assembly.GetManifestResourceNames().Where(filter))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            parser.Parse(reader, out var parseErrors);
            errors.AddRange(parseErrors.Select(e => $"{name} {e.Line}:{e.Column} {e.Message}"));
        }

        return errors;
    }

    /// <summary>
    /// Every parse error of every SQL statement the assembly's code sends to SQL Server: the string
    /// constants, static read-only strings and string arrays of its types that begin with a statement
    /// keyword, except those named for SQLite or PostgreSQL (<c>…Sqlite</c>, <c>…Postgres</c>) and the types that serve only SQLite,
    /// which SQL Server never receives. What is completed at run time is completed first as the code
    /// does: Dapper's list expansion (<c>IN @Names</c>), the <c>{ids}</c> batch of the lifecycle, the
    /// rows of a multi-row <c>VALUES</c>, the fragments composed into statements.
    /// </summary>
    public static IReadOnlyList<string> StatementParseErrors(Assembly assembly, out int parsed, params Type[] sqliteOnly)
    {
        var errors = new List<string>();
        parsed = 0;
        foreach (var (name, sql) in Statements(assembly, sqliteOnly))
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(AsSent(sql));
            parser.Parse(reader, out var parseErrors);
            parsed++;
            errors.AddRange(parseErrors.Select(e => $"{name} {e.Line}:{e.Column} {e.Message}"));
        }

        return errors;
    }

    private static string AsSent(string sql)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(sql, @"\bIN @(\w+)", "IN (@$1)")
            .Replace("{ids}", "(SELECT value FROM OPENJSON(@Ids))", StringComparison.Ordinal);
        if (text.TrimEnd().EndsWith("VALUES", StringComparison.OrdinalIgnoreCase))
        {
            text = text.TrimEnd() + " (1)";
        }

        return text.TrimStart().StartsWith('(') ? "SELECT 1 WHERE 'x' IN " + text : text;
    }

    private static readonly string[] s_verbs = ["SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "(SELECT", "IF", "DECLARE", "SET", "EXEC"];

    private static IEnumerable<(string Name, string Sql)> Statements(Assembly assembly, Type[] sqliteOnly)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters && !sqliteOnly.Contains(t)))
        {
            foreach (var field in type.GetFields(Flags).Where(f => (f.IsLiteral || f.IsInitOnly) && !f.Name.EndsWith("Sqlite", StringComparison.Ordinal) && !f.Name.EndsWith("Postgres", StringComparison.Ordinal)))
            {
                var values = field.GetValue(null) switch
                {
                    string one => [one],
                    string[] many => many,
                    _ => Array.Empty<string>(),
                };
                for (var i = 0; i < values.Length; i++)
                {
                    var head = values[i].TrimStart();
                    if (s_verbs.Any(v => head.StartsWith(v + " ", StringComparison.Ordinal) || head.StartsWith(v + "\n", StringComparison.Ordinal) || head.StartsWith(v + "\r", StringComparison.Ordinal)))
                    {
                        yield return (values.Length == 1 ? $"{type.FullName}.{field.Name}" : $"{type.FullName}.{field.Name}[{i}]", values[i]);
                    }
                }
            }
        }
    }

    /// <summary>The names of the SQL Server scripts of an assembly.</summary>
    public static IReadOnlyList<string> Names(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames().Where(MigrationScripts.Filter(DatabaseProvider.SqlServer))];
}
