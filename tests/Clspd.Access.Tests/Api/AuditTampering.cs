using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Access.Tests.Api;

/// <summary>What a writer of the access database can do behind the service's back, on whichever provider the host runs.</summary>
internal static class AuditTampering
{
    /// <summary>
    /// Runs <paramref name="sql"/> on the host's database. On PostgreSQL the instant is a number of
    /// ticks and cannot hold text: an instant set to <c>'not an instant'</c> becomes the next tick,
    /// another instant the chain must refuse all the same.
    /// </summary>
    public static Task ExecuteAsync(ServiceHost<Program> host, string sql)
    {
        var database = host.Services.GetRequiredService<Database>();
        var statement = database.Provider == DatabaseProvider.Postgres ? sql.Replace("'not an instant'", "decided_at + 1", StringComparison.Ordinal) : sql;
        return database.WriteAsync(s => s.ExecuteAsync(statement), TestContext.Current.CancellationToken);
    }
}
