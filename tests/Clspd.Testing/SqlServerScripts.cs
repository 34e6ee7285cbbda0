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

    /// <summary>The names of the SQL Server scripts of an assembly.</summary>
    public static IReadOnlyList<string> Names(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames().Where(MigrationScripts.Filter(DatabaseProvider.SqlServer))];
}
