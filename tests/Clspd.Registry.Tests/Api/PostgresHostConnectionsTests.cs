using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Npgsql;

namespace Clspd.Registry.Tests.Api;

/// <summary>
/// A run of the API tests on PostgreSQL starts hundreds of hosts, each on a database and a connection pool of its
/// own, on one server with a fixed number of connections: what a finished host or test leaves open must go, or the
/// later ones are refused ("too many clients") or wait for a connection.
/// </summary>
public sealed class PostgresHostConnectionsTests
{
    [Fact]
    public async Task DisposedHost_LeavesNoConnectionToItsDatabase()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        // Npgsql's own idle lifetime (five minutes), not the test server's seconds: only the host's disposal can close them in time.
        var connection = new NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase("clspd_registry_pool"))
        {
            ConnectionIdleLifetime = 300,
            ConnectionPruningInterval = 10,
        }.ConnectionString;
        var registry = RegistryHost.OnPostgres(connection);
        await registry.InitializeAsync();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => registry.Client.CreateInstitutionAsync(
            new CreateInstitutionRequest { RequestId = Guid.CreateVersion7().ToString(), Name = "Institution " + i, Kind = InstitutionKind.SpecialisedPrevention },
            registry.Issuer.As("admin")).ResponseAsync));
        var name = new NpgsqlConnectionStringBuilder(connection).Database!;
        Assert.True(await ConnectionsToAsync(name, ct) > 0, "the host had no connection open to its database while it ran");

        await registry.DisposeAsync();

        Assert.Equal(0, await SettledConnectionsToAsync(name, TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task IdleConnectionsOfATestDatabase_ClosedWithinSeconds()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        var database = TestDatabases.Postgres(new ServiceIdentity("registry", typeof(Program).Assembly));
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => database.ReadAsync(s => s.ExecuteScalarAsync<int>("SELECT 1 FROM pg_sleep(0.2)"), ct)));
        Assert.True(await ConnectionsToAsync(name, ct) > 0, "the pool kept no connection after its reads");

        // Nothing closes this pool: only its idle lifetime does, which the default (five minutes) would not within the wait.
        Assert.Equal(0, await SettledConnectionsToAsync(name, TimeSpan.FromSeconds(30), ct));
    }

    private static async Task<long> ConnectionsToAsync(string database, CancellationToken ct)
    {
        await using var maintenance = new NpgsqlConnection(PostgresServer.Maintenance);
        return await maintenance.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @Database AND backend_type = 'client backend'", new { Database = database }, cancellationToken: ct));
    }

    // The server ends a backend shortly after its client closes the connection: polled until none is left or the wait ends.
    private static async Task<long> SettledConnectionsToAsync(string database, TimeSpan wait, CancellationToken ct)
    {
        var giveUp = DateTime.UtcNow + wait;
        while (true)
        {
            var open = await ConnectionsToAsync(database, ct);
            if (open == 0 || DateTime.UtcNow > giveUp)
            {
                return open;
            }

            await Task.Delay(100, ct);
        }
    }
}
