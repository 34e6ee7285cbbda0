using System.Text;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// REC-7: destruction forgets the person everywhere. After records destroyed a person and their
/// case, no database file of any service — nor its write-ahead log — holds their identity values,
/// the case code or the subject reference, except the access service's audit trail, which keeps its
/// opaque references by design. Consent erases the subject even if it was down at the time.
/// </summary>
public sealed class DestructionEverywhereTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Fact]
    public async Task RunLifecycle_PersonDestroyed_NoDatabaseFileButTheAuditTrailHoldsAnyTraceOfThem_REC_7()
    {
        Assert.SkipWhen(Clspd.Testing.HostDatabases.PostgresRun, Clspd.Testing.HostDatabases.SqliteFilesOnly);
        var s = await new RecordsScenario(services).CouncilAsync();
        var (subjectRef, caseCode, needles) = await FollowedPersonAsync(s);
        // The test can fail: before the destruction, the files do hold the references.
        Assert.Contains(await FilesHoldingAsync(subjectRef), f => f.Contains("consent", StringComparison.Ordinal));
        Assert.Contains(await FilesHoldingAsync(caseCode), f => f.Contains("records", StringComparison.Ordinal));

        Assert.True(await TracesInRecordsAsync(subjectRef) > 0);

        var run = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest(), s.AdminForYears);

        Assert.Equal((1, 1), (run.CasesDestroyed, run.PersonsDestroyed));
        Assert.Equal(0L, await TracesInRecordsAsync(subjectRef));
        Assert.Equal(0L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM subject_erasures"));
        foreach (var needle in needles)
        {
            Assert.Empty(await FilesHoldingAsync(needle));
        }

        var gone = await Assert.ThrowsAsync<RpcException>(() => s.Commune.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subjectRef }, s.Commune.Admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Empty((await s.Commune.Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subjectRef }, s.Commune.Admin)).Entries);
    }

    [Fact]
    public async Task RunLifecycle_ConsentDown_ErasureQueuedThenDeliveredOnceItAnswers_REC_7()
    {
        var consent = new PeerState();
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler(),
            subjectsHandler: () => new Switch(consent) { InnerHandler = services.Consent.Server.CreateHandler() });
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var (subjectRef, _, _) = await FollowedPersonAsync(s);

        consent.Down = true;
        var run = await s.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest(), s.AdminForYears);
        Assert.Equal(1, run.PersonsDestroyed);
        Assert.Equal(1L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM subject_erasures"));
        Assert.True(await SubjectKnownAsync(s, subjectRef), "consent erased a subject it could not be told about");

        consent.Down = false;
        for (var i = 0; i < 600 && await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM subject_erasures") > 0; i++)
        {
            // The retry waits on the service's clock: move it past the retry interval, then give the retry time to run.
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }

        Assert.Equal(0L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM subject_erasures"));
        Assert.False(await SubjectKnownAsync(s, subjectRef));
    }

    // Stored responses about the person and change-feed entries of the person in records' own database.
    private Task<long> TracesInRecordsAsync(string subjectRef) => RecordsScenario.CountAsync(services.Records.DataDirectory,
        "SELECT (SELECT COUNT(*) FROM clspd_request_log WHERE subject_ref = @Ref) + (SELECT COUNT(*) FROM clspd_changes WHERE entity_id = @Ref)", new { Ref = subjectRef });

    private static async Task<bool> SubjectKnownAsync(RecordsScenario s, string subjectRef)
    {
        try
        {
            await s.Commune.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subjectRef }, s.Commune.Admin);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// A minor with a legal representative, a case closed four months ago (so due for destruction),
    /// informed and consenting at consent, with a referral and follow-up elements; returns their
    /// reference, the case code and every value that must vanish.
    /// </summary>
    private static async Task<(string SubjectRef, string CaseCode, string[] Needles)> FollowedPersonAsync(RecordsScenario s)
    {
        var tag = RecordsScenario.NewId()[..10];
        var birth = RecordsScenario.Today.AddYears(-16).AddDays(-Random.Shared.Next(10, 300));
        var identity = new Identity
        {
            Surname = "Surnom" + tag, FirstNames = "Prenom" + tag, Sex = Sex.Female, BirthDate = RecordsScenario.Date(birth),
            Address = "7 impasse " + tag, Phone = "06" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), Email = tag + "@example.org",
        };
        var representative = new Identity { Surname = "Parent" + tag, FirstNames = "Tuteur" + tag, Phone = "07" + identity.Phone[2..], Email = "parent." + tag + "@example.org" };
        var person = await s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = identity, LegalRepresentatives = { representative },
        }, s.AsMember);
        var opened = (await s.Records.OpenCaseAsync(new OpenCaseRequest
        {
            RequestId = RecordsScenario.NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group, StartDate = RecordsScenario.Date(RecordsScenario.Today.AddYears(-1)),
        }, s.AsMember)).Case;
        await s.StartFollowUpAsync(opened.Id);
        await s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Text = "Élément " + tag }, s.AsMember);
        await s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, EndDate = RecordsScenario.Date(RecordsScenario.Today.AddMonths(-4)) }, s.AsMember);
        string[] needles =
        [
            person.SubjectRef, .. person.LegalRepresentativeRefs, opened.CaseCode, identity.Surname, identity.FirstNames, identity.Address, identity.Phone, identity.Email,
            representative.Surname, representative.FirstNames, representative.Phone, representative.Email, "Élément " + tag,
            birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            birth.AddYears(18).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ];
        return (person.SubjectRef, opened.CaseCode, needles);
    }

    /// <summary>
    /// The database files (and write-ahead logs) of the registry, consent and records that hold the
    /// value, read as bytes after a checkpoint; the access service's audit trail is not looked at.
    /// </summary>
    private async Task<IReadOnlyList<string>> FilesHoldingAsync(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var holding = new List<string>();
        foreach (var directory in new[] { services.Registry.DataDirectory, services.Consent.DataDirectory, services.Records.DataDirectory })
        {
            foreach (var db in Directory.GetFiles(directory, "*.db"))
            {
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await command.ExecuteNonQueryAsync();
                }

                foreach (var file in new[] { db, db + "-wal" }.Where(File.Exists))
                {
                    if (File.ReadAllBytes(file).AsSpan().IndexOf(bytes) >= 0)
                    {
                        holding.Add(file);
                    }
                }
            }
        }

        return holding;
    }

    private sealed class PeerState
    {
        private int _down;

        public bool Down
        {
            get => Volatile.Read(ref _down) == 1;
            set => Volatile.Write(ref _down, value ? 1 : 0);
        }
    }

    /// <summary>Fails every call while the box says the peer is down.</summary>
    private sealed class Switch(PeerState consent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            consent.Down ? throw new HttpRequestException("consent is down") : base.SendAsync(request, cancellationToken);
    }
}
