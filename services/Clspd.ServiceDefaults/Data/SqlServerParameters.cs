using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Dapper;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Types the string parameters of a statement for SQL Server. Dapper sends every string as
/// NVARCHAR; compared with a VARCHAR key column (identifiers, subject references, council ids) that
/// converts the column, not the parameter, and an index seek becomes a scan. A string made only of
/// ASCII characters goes as VARCHAR instead: against a VARCHAR column it is the column's own type,
/// and against an NVARCHAR column SQL Server widens the parameter, losslessly. Any other string keeps
/// NVARCHAR, so no character is ever lost.
/// </summary>
public static class SqlServerParameters
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> s_strings = new();

    /// <summary>The parameters to give Dapper: <paramref name="parameters"/> itself when nothing changes.</summary>
    public static object? Typed(object? parameters)
    {
        if (parameters is null or SqlMapper.IDynamicParameters or System.Collections.IEnumerable)
        {
            return parameters;
        }

        var properties = s_strings.GetOrAdd(parameters.GetType(), static type =>
        {
            var all = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
            return all.Any(p => p.PropertyType == typeof(string)) ? all : null;
        });
        if (properties is null)
        {
            return parameters;
        }

        var typed = new DynamicParameters();
        foreach (var property in properties)
        {
            var value = property.GetValue(parameters);
            typed.Add(property.Name, value is string text && Ascii.IsValid(text) ? new DbString { Value = text, IsAnsi = true } : value);
        }

        return typed;
    }
}
