using System.Text;
using Clspd.Records;
using Clspd.Records.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Tests.Store;

public abstract class PersonStoreSuite
{
    protected static readonly ServiceIdentity Service = new("records", typeof(PersonStore).Assembly);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static PersonStore NewStore() => new(new MasterKey(
        Options.Create(new RecordsOptions { MasterKeyFile = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "master.key"), CreateMasterKeyIfMissing = true }),
        Options.Create(new DatabaseOptions())));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Insert_ThenOpen_ReturnsIdentityStoredOnlyEncrypted_REC_1()
    {
        var db = await CreateDatabaseAsync();
        var store = NewStore();
        var identity = Encoding.UTF8.GetBytes("Dupont|Léa|2010-04-01");
        await db.WriteAsync(async w => { await store.InsertAsync(w, "S-1", "k1", new DateOnly(2035, 4, 1), identity, "alice"); return 0; }, Ct);

        var opened = await db.ReadAsync(async s => await store.OpenIdentityAsync(s, (await store.FindAsync(s, "S-1"))!), Ct);
        var cipher = await db.ReadAsync(s => s.ExecuteScalarAsync<byte[]>("SELECT identity_cipher FROM persons WHERE subject_ref = 'S-1'"), Ct);

        Assert.Equal(identity, opened);
        Assert.False(cipher!.AsSpan().IndexOf("Dupont"u8) >= 0);
    }

    [Fact]
    public async Task Open_AfterKeyDeleted_IdentityGone_REC_7()
    {
        var db = await CreateDatabaseAsync();
        var store = NewStore();
        await db.WriteAsync(async w => { await store.InsertAsync(w, "S-2", "k1", new DateOnly(2035, 4, 1), "secret"u8.ToArray(), "alice"); return 0; }, Ct);
        await db.WriteAsync(w => w.ExecuteAsync("DELETE FROM person_keys WHERE subject_ref = 'S-2'"), Ct);

        var opened = await db.ReadAsync(async s => await store.OpenIdentityAsync(s, (await store.FindAsync(s, "S-2"))!), Ct);
        Assert.Null(opened);
    }

    [Fact]
    public async Task Turns25On_SeveralPersons_OneDayEachAndNothingForAnUnknownOne_REC_6()
    {
        var db = await CreateDatabaseAsync();
        var store = NewStore();
        await db.WriteAsync(async w =>
        {
            await store.InsertAsync(w, "S-3", "k1", new DateOnly(2035, 4, 1), "a"u8.ToArray(), "alice");
            await store.InsertAsync(w, "S-4", "k1", new DateOnly(2033, 12, 31), "b"u8.ToArray(), "alice");
            return 0;
        }, Ct);

        var days = await db.ReadAsync(s => store.Turns25OnAsync(s, ["S-3", "S-4", "S-3", "S-unknown"]), Ct);
        var none = await db.ReadAsync(s => store.Turns25OnAsync(s, []), Ct);

        Assert.Equal(
            [("S-3", new DateOnly(2035, 4, 1)), ("S-4", new DateOnly(2033, 12, 31))],
            days.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Value)));
        Assert.Empty(none);
    }
}

public sealed class PersonStoreSqliteTests : PersonStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class PersonStoreSqlServerTests : PersonStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class PersonStorePostgresTests : PersonStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }
}

public sealed class RecordsMigrationTests
{
    [Fact]
    public void SqlServerScripts_ParseWithoutErrors()
    {
        Assert.NotEmpty(SqlServerScripts.Names(typeof(PersonStore).Assembly));
        Assert.Empty(SqlServerScripts.ParseErrors(typeof(PersonStore).Assembly));
    }

    [Fact]
    public void SqlServerStatements_OfTheStores_ParseWithoutErrors()
    {
        var errors = SqlServerScripts.StatementParseErrors(typeof(PersonStore).Assembly, out var parsed);
        Assert.True(parsed >= 40, $"only {parsed} statements found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Scripts_SameNamesInEveryProviderFolder()
    {
        static string[] Names(DatabaseProvider provider)
        {
            var marker = ".Migrations." + MigrationScripts.Folder(provider) + ".";
            return [.. typeof(PersonStore).Assembly.GetManifestResourceNames().Where(MigrationScripts.Filter(provider))
                .Select(n => n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]).Order(StringComparer.Ordinal)];
        }

        var sqlite = Names(DatabaseProvider.Sqlite);
        Assert.Contains("0105_erasure_outbox.sql", sqlite);
        Assert.Equal(sqlite, Names(DatabaseProvider.SqlServer));
        Assert.Equal(sqlite, Names(DatabaseProvider.Postgres));
    }
}
