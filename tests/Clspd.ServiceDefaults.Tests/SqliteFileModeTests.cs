using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>A service's SQLite database, its folder and the files SQLite adds beside it (WAL, shared memory) are owner-only.</summary>
public sealed class SqliteFileModeTests
{
    private static readonly ServiceIdentity Service = new("modes", typeof(SqliteFileModeTests).Assembly);

    [Fact]
    public async Task MigrateThenWrite_NewDataDirectory_DatabaseWalAndShmOwnerOnly_OwnerOnly()
    {
        var root = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { DataDirectory = Path.Combine(root, "data") };
        var database = new Database(Microsoft.Extensions.Options.Options.Create(options), Service, new ChangeFeed.ChangeSignal(), TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(Migrator.Run(DatabaseProvider.Sqlite, database.ConnectionString, Service.MigrationsAssembly, ensureDatabase: false).Successful);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);", cancellationToken: ct));

        Assert.Equal(["modes.db", "modes.db-shm", "modes.db-wal"], FileModes.Names(root));
        Assert.Empty(FileModes.NotOwnerOnly(root));
    }

    [Fact]
    public async Task Open_BeforeAnyMigration_DatabaseCreatedOwnerOnly_OwnerOnly()
    {
        var root = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { DataDirectory = Path.Combine(root, "data") };
        var database = new Database(Microsoft.Extensions.Options.Options.Create(options), Service, new ChangeFeed.ChangeSignal(), TimeProvider.System);

        await using (await database.OpenAsync(TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal(["modes.db"], FileModes.Names(root));
        Assert.Empty(FileModes.NotOwnerOnly(root));
    }

    [Fact]
    public async Task EnsureFile_DeletedAgainAndAgainWhileBeingEnsured_NeverThrowsAndEndsOwnerOnly_OwnerOnly()
    {
        // A derived file being rebuilt (the audit keys' file) is deleted by one task while another opens it.
        var root = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(root, "keys.db");
        Files.OwnerOnly.CreateParentDirectory(file);
        using var stop = new CancellationTokenSource();
        var deleter = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                File.Delete(file);
            }
        }, TestContext.Current.CancellationToken);

        try
        {
            for (var i = 0; i < 20_000; i++)
            {
                Files.OwnerOnly.EnsureFile(file);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await deleter;
        }

        Files.OwnerOnly.EnsureFile(file);
        Assert.Equal(["keys.db"], FileModes.Names(root));
        Assert.Empty(FileModes.NotOwnerOnly(root));
    }
}
