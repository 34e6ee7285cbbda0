using Clspd.Local;
using Clspd.Registry.V1;
using Clspd.Testing;

namespace Clspd.EndToEnd.Tests;

/// <summary><c>clspd-local --provider postgres --connection "…Database=clspd_{service}"</c>: every service on PostgreSQL.</summary>
public sealed class LocalStackPostgresTests
{
    [Fact]
    public async Task Stack_OnPostgres_CouncilWrittenThroughGatewayIsReadBackAndIsInThePostgresDatabase()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        await using var stack = new PostgresStackRun("clspd_local");
        await stack.StartAsync();
        var registry = new RegistryService.RegistryServiceClient(stack.Gateway);

        var created = await registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = Commune.NewId(), Name = "CLSPD de Postgres-sur-Marne", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" }, ControllerName = "Le maire",
        }, stack.As("admin"));
        var read = await registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = created.Council.Id }, stack.As("admin"));

        Assert.Equal("CLSPD de Postgres-sur-Marne", read.Council.Name);
        using (var connection = stack.Open("registry"))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM councils WHERE id = @id";
            command.Parameters.AddWithValue("id", created.Council.Id);
            Assert.Equal("CLSPD de Postgres-sur-Marne", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // Every service migrated its own database on the server, and none wrote a SQLite file.
        foreach (var service in StackCatalog.Services)
        {
            using var connection = stack.Open(service);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schemaversions";
            Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0, service);
        }

        Assert.Empty(Directory.GetFiles(stack.DataDirectory, "*.db*", SearchOption.AllDirectories));
    }
}
