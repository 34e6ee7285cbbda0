using Clspd.Access.V1;
using Clspd.Records.V1;
using Clspd.Testing;
using Dapper;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

public sealed class LifecycleApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private static DateOnly Today => RecordsScenario.Today;

    private static async Task<Case> ClosedCaseAsync(RecordsScenario s, DateOnly end)
    {
        var opened = await s.CaseAsync(start: Today.AddYears(-1));
        return (await s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, EndDate = RecordsScenario.Date(end) }, s.AsMember)).Case;
    }

    [Fact]
    public async Task CloseCase_WithEndDate_ArchivedDestroyDateSetAndOutOfReads_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var closed = await ClosedCaseAsync(s, Today);
        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = closed.Id }, s.AsMember).ResponseAsync);

        Assert.Equal(CaseStatus.Archived, closed.Status);
        Assert.Equal(RecordsScenario.Date(Today.AddMonths(3)), closed.DestroyOn);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REC-7", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task AddAction_OnArchivedCase_FailedPrecondition_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var closed = await ClosedCaseAsync(s, Today);

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.ReferralAsync(closed.Id));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("REC-7", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseCase_WithoutEndDate_InvalidArgument_REC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "end_date");
    }

    [Fact]
    public async Task OpenArchivedCase_CoordinatorWithReason_NamedAndAuditedWithReason_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var closed = await ClosedCaseAsync(s, Today);

        var opened = await s.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = closed.Id, Reason = ArchiveOpeningReason.SubjectAccessRequest }, s.AsCoordinator);
        var audit = await new AuditService.AuditServiceClient(services.Access.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = closed.Id }, s.Commune.Admin);

        Assert.Equal("Dupont", opened.Case.Identity.Surname);
        var entry = Assert.Single(audit.Entries, e => e.DecisionId == opened.DecisionId);
        Assert.Equal((AccessAction.OpenArchivedCase, Outcome.Allow), (entry.Action, entry.Outcome));
        Assert.Contains("SubjectAccessRequest", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenArchivedCase_GroupMember_PermissionDenied_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var closed = await ClosedCaseAsync(s, Today);

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = closed.Id, Reason = ArchiveOpeningReason.LegalClaim }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-7", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenArchivedCase_WithoutReason_InvalidArgument_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var closed = await ClosedCaseAsync(s, Today);

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = closed.Id }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "reason");
    }

    [Fact]
    public async Task OpenArchivedCase_ActiveCase_NotFound_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = opened.Id, Reason = ArchiveOpeningReason.LegalClaim }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task RunLifecycle_GroupMember_PermissionDenied_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest(), s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task RunLifecycle_DueCase_KeyAndIdentityGoneFromDatabaseFileAndLogWithoutPersonalData_REC_7()
    {
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler());
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var opened = await s.CaseAsync(start: Today.AddYears(-1));
        await s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Text = "Assiduité en hausse" }, s.AsMember);
        var closed = (await s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, EndDate = RecordsScenario.Date(Today.AddMonths(-4)) }, s.AsMember)).Case;
        var (wrappedKey, identityCipher) = await SealedAsync(host.DataDirectory, closed.SubjectRef);
        Assert.NotEmpty(wrappedKey);

        var run = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest(), s.AdminForYears);
        var log = await s.Lifecycle.ListDeletionLogAsync(new ListDeletionLogRequest(), s.AdminForYears);

        Assert.Equal((1, 1), (run.CasesDestroyed, run.PersonsDestroyed));
        // The bytes of the file are SQLite's to check (a PostgreSQL server's files are its own).
        if (HostDatabases.PostgresOf(host.DataDirectory) is null)
        {
            var file = await FileBytesAsync(host.DataDirectory);
            Assert.True(file.AsSpan().IndexOf(wrappedKey) < 0, "the sealed data key is still in the database file");
            Assert.True(file.AsSpan().IndexOf(identityCipher.AsSpan(13, 32)) < 0, "the sealed identity is still in the database file");
        }

        Assert.Equal(0L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM person_keys") + await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM persons"));
        Assert.Equal(["case", "person"], log.Entries.Select(e => e.Kind).Order().ToArray());
        Assert.All(log.Entries, e => Assert.Equal(("archive_period_elapsed", 1, s.Council), (e.Reason, e.Count, e.CouncilId)));
        var logText = log.ToString();
        Assert.DoesNotContain(closed.SubjectRef, logText, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Id, logText, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.CaseCode, logText, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupont", logText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunLifecycle_PersonTurns25_FollowUpClosedAndDestroyed_REC_4()
    {
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler());
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var birth = Today.AddYears(-25).AddDays(5);
        var person = await s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council,
            Identity = new Identity { Surname = "Martin", FirstNames = "Noé", Sex = Sex.Male, BirthDate = RecordsScenario.Date(birth) },
        }, s.AsMember);
        var opened = await s.Records.OpenCaseAsync(new OpenCaseRequest { RequestId = RecordsScenario.NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group }, s.AsMember);
        var before = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest(), s.AdminForYears);

        // The periodic job may run too once the clock moves: the outcome is asserted on the state.
        host.Clock.Advance(TimeSpan.FromDays(6));
        await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { BatchSize = 1 }, s.AdminForYears);

        Assert.Equal((0, 0), (before.ClosedAt25, before.CasesDestroyed));
        Assert.Equal(0L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM cases WHERE id = @Id", new { opened.Case.Id }));
        Assert.Equal(0L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM person_keys WHERE subject_ref = @SubjectRef", new { person.SubjectRef }));
        var log = await s.Lifecycle.ListDeletionLogAsync(new ListDeletionLogRequest(), s.AdminForYears);
        Assert.Equal(["case", "person"], log.Entries.Select(e => e.Kind).Order().ToArray());
        Assert.All(log.Entries, e => Assert.Equal("age_limit", e.Reason));
    }

    [Fact]
    public async Task RunLifecycle_MaxCases_DestroysInBoundedRunsAndCountsWhatRemains_REC_7()
    {
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler());
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        for (var i = 0; i < 3; i++)
        {
            var opened = await s.CaseAsync(start: Today.AddYears(-1));
            await s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, EndDate = RecordsScenario.Date(Today.AddMonths(-4)) }, s.AsMember);
        }

        var first = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { MaxCases = 2, BatchSize = 1 }, s.AdminForYears);
        var casesBetween = await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM cases");
        var second = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { MaxCases = 2 }, s.AdminForYears);
        var third = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { MaxCases = 2 }, s.AdminForYears);

        Assert.Equal((2, 2, 1), (first.CasesDestroyed, first.PersonsDestroyed, first.RemainingDue));
        Assert.Equal(1L, casesBetween);
        Assert.Equal((1, 1, 0), (second.CasesDestroyed, second.PersonsDestroyed, second.RemainingDue));
        Assert.Equal((0, 0, 0), (third.CasesDestroyed, third.PersonsDestroyed, third.RemainingDue));
        Assert.Equal(0L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM person_keys"));
    }

    [Fact]
    public async Task RunLifecycle_MaxCasesOutOfRange_InvalidArgument_REC_7()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { MaxCases = -1 }, s.AdminForYears).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "max_cases");
    }

    [Fact]
    public async Task Startup_ArchivePeriodAboveThreeYears_Refused_REC_7()
    {
        await using var host = new ServiceHost<Program>(services.Issuer, new Dictionary<string, string?> { ["Records:ArchiveMonths"] = "37" });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains("REC-7", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Records:LifecycleRatePerMinute", "-1")]
    [InlineData("Records:LifecycleCacheMegabytes", "0")]
    [InlineData("Records:LifecycleCacheMegabytes", "2048")]
    public async Task Startup_LifecycleSettingOutOfRange_RefusedNamingIt(string setting, string value)
    {
        await using var host = new ServiceHost<Program>(services.Issuer, new Dictionary<string, string?> { [setting] = value });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains(setting, ex.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(byte[] WrappedKey, byte[] IdentityCipher)> SealedAsync(string dataDirectory, string subjectRef)
    {
        var (connection, _) = await RecordsScenario.OpenAsync(dataDirectory);
        await using var opened = connection;
        var key = await connection.ExecuteScalarAsync<byte[]>("SELECT wrapped_key FROM person_keys WHERE subject_ref = @subjectRef", new { subjectRef });
        var cipher = await connection.ExecuteScalarAsync<byte[]>("SELECT identity_cipher FROM persons WHERE subject_ref = @subjectRef", new { subjectRef });
        return (key!, cipher!);
    }

    // The database file and its write-ahead log, as they are on disk.
    private static async Task<byte[]> FileBytesAsync(string dataDirectory)
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { "records.db", "records.db-wal" }.Select(f => Path.Combine(dataDirectory, f)).Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[stream.Length];
            await stream.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);
            bytes.AddRange(buffer);
        }

        return [.. bytes];
    }
}
