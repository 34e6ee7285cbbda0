using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clspd.ServiceDefaults.Data;

/// <summary>Healthy only when the schema is migrated and the database answers.</summary>
public sealed class DatabaseHealthCheck(Database database, DatabaseState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.IsReady)
        {
            return HealthCheckResult.Unhealthy(state.Status);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (System.Data.Common.DbException ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
