using System.Data.Common;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Domain;

/// <summary>Deliberately wrong: a rule that reads the database itself.</summary>
public static class RuleReadingTheDatabase
{
    public static bool Decide(DbConnection connection) => connection?.State == System.Data.ConnectionState.Open;
}
