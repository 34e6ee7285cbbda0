using System.Security.Cryptography;
using Clspd.Records.Cases;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// The master keys sealing each person's data key: required at start-up outside the local stack, several
/// known by id, and a rotation that re-seals every data key under the current one, step by step.
/// </summary>
public sealed class MasterKeyApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceHost<Program> Records(IReadOnlyDictionary<string, string?> settings) =>
        services.CreateRecords(() => services.Access.Server.CreateHandler(), settings: settings);

    private static string NewKeyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "new-master.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    private static KeyService.KeyServiceClient Keys(ServiceHost<Program> host) => new(host.Channel);

    private static async Task<List<string>> MasterKeyIdsAsync(string dataDirectory)
    {
        var (connection, _) = await RecordsScenario.OpenAsync(dataDirectory);
        await using (connection)
        {
            return (await connection.QueryAsync<string>("SELECT master_key_id FROM person_keys")).AsList();
        }
    }

    [Fact]
    public async Task Startup_MasterKeyFileMissing_RefusedNamingTheSettingAndNoKeyCreated_MasterKey()
    {
        await using var host = new ServiceHost<Program>(services.Issuer);

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains("Records:MasterKeyFile: the records master key file", ex.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, MasterKey.DefaultFileName)));
    }

    [Fact]
    public async Task Startup_PreviousMasterKeyFileMissing_RefusedNamingTheSetting_MasterKey()
    {
        var missing = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "old.key");
        await using var host = Records(new Dictionary<string, string?> { ["Records:PreviousMasterKeyFiles:0"] = missing });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains($"Records:PreviousMasterKeyFiles: the master key file {missing} does not exist", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateMasterKey_NewCurrentKey_ResealedInStepsResumableAndOpensWithTheNewKeyAlone_REC_1()
    {
        await using var before = Records(new Dictionary<string, string?>());
        await before.WaitReadyAsync();
        var s = await new RecordsScenario(services, before.Channel).CouncilAsync();
        string[] subjects = [await s.PersonAsync(), await s.PersonAsync(19), await s.PersonAsync(20)];
        var data = before.DataDirectory;
        var oldKey = Path.Combine(data, MasterKey.DefaultFileName);
        var newKey = NewKeyFile();
        await before.DisposeAsync();
        await using var after = Records(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = data, ["Records:MasterKeyFile"] = newKey, ["Records:PreviousMasterKeyFiles:0"] = oldKey,
        });
        await after.WaitReadyAsync();
        var newId = MasterKey.IdOf(Convert.FromBase64String(await File.ReadAllTextAsync(newKey, Ct)));

        // Interrupted after one key, then run again to the end, then once more with nothing left.
        var first = await Keys(after).RotateMasterKeyAsync(new RotateMasterKeyRequest { MaxKeys = 1 }, services.Issuer.As("admin"));
        var rest = await Keys(after).RotateMasterKeyAsync(new RotateMasterKeyRequest { BatchSize = 1 }, services.Issuer.As("admin"));
        var again = await Keys(after).RotateMasterKeyAsync(new RotateMasterKeyRequest(), services.Issuer.As("admin"));

        Assert.Equal((newId, 1, 1L, 3L), (first.CurrentMasterKeyId, first.Resealed, first.Done, first.Total));
        Assert.Equal((2, 3L, 3L), (rest.Resealed, rest.Done, rest.Total));
        Assert.Equal((0, 3L, 3L), (again.Resealed, again.Done, again.Total));
        Assert.All(await MasterKeyIdsAsync(data), id => Assert.Equal(newId, id));
        // The old key is no longer needed: the new one alone opens every identity.
        var alone = new PersonStore(new MasterKey(Options.Create(new RecordsOptions { MasterKeyFile = newKey }), Options.Create(new DatabaseOptions())));
        var (connection, provider) = await RecordsScenario.OpenAsync(data);
        await using var opened = connection;
        foreach (var subject in subjects)
        {
            var session = new StoreSession(connection, null, provider, DateTimeOffset.UtcNow, Ct);
            var identity = CaseViews.IdentityOf((await alone.OpenIdentityAsync(session, (await alone.FindAsync(session, subject))!))!);
            Assert.Equal("Dupont", identity.Surname);
        }
    }

    [Fact]
    public async Task RotateMasterKey_DataKeysUnderAKeyNotConfigured_FailedPreconditionNamingTheSetting_REC_1()
    {
        await using var before = Records(new Dictionary<string, string?>());
        await before.WaitReadyAsync();
        var s = await new RecordsScenario(services, before.Channel).CouncilAsync();
        await s.PersonAsync();
        var data = before.DataDirectory;
        await before.DisposeAsync();
        await using var after = Records(new Dictionary<string, string?> { ["Database:DataDirectory"] = data, ["Records:MasterKeyFile"] = NewKeyFile() });
        await after.WaitReadyAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Keys(after).RotateMasterKeyAsync(new RotateMasterKeyRequest(), services.Issuer.As("admin")).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("add their files to Records:PreviousMasterKeyFiles", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Single(await MasterKeyIdsAsync(data));
    }

    [Fact]
    public async Task RotateMasterKey_Participant_PermissionDenied_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Keys(services.Records).RotateMasterKeyAsync(new RotateMasterKeyRequest(), s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("REC-1", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Theory]
    [InlineData(-1, 0, "batch_size")]
    [InlineData(5001, 0, "batch_size")]
    [InlineData(0, 100_001, "max_keys")]
    public async Task RotateMasterKey_BoundsOutOfRange_InvalidArgumentNamingTheField_MasterKey(int batch, int max, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Keys(services.Records)
            .RotateMasterKeyAsync(new RotateMasterKeyRequest { BatchSize = batch, MaxKeys = max }, services.Issuer.As("admin")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task StartedServices_EveryFileAndFolderTheyWrote_OwnerOnly()
    {
        Assert.SkipWhen(HostDatabases.PostgresRun, HostDatabases.SqliteFilesOnly);
        // Every database (with its WAL), the issuer's keys and the master key are written once a person exists.
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.PersonAsync();

        var written = FileModes.Names(services.Issuer.Directory);

        Assert.Contains(MasterKey.DefaultFileName, written);
        Assert.Contains("records.db-wal", written);
        Assert.Contains("access.db", written);
        Assert.Contains("issuer.pem", written);
        Assert.Empty(FileModes.NotOwnerOnly(services.Issuer.Directory));
    }
}
