using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace Clspd.Records.Tests.Api;

/// <summary>A council with a group, a member, a coordinator, and helpers to build cases through the APIs.</summary>
public sealed class RecordsScenario(RecordsServices services, GrpcChannel? records = null)
{
    public GrpcChannel Channel => records ?? services.Records.Channel;

    public Commune Commune => new(services.Registry.Channel, services.Consent.Channel, services.Issuer.As, services.Registry.Clock);

    public RecordsService.RecordsServiceClient Records => new(Channel);

    public FollowUpService.FollowUpServiceClient FollowUps => new(Channel);

    public CaseItemService.CaseItemServiceClient Items => new(Channel);

    public LifecycleService.LifecycleServiceClient Lifecycle => new(Channel);

    public string Council { get; private set; } = "";

    public string Group { get; private set; } = "";

    public string Member { get; private set; } = "";

    public string Coordinator { get; private set; } = "";

    public CallOptions AsMember => services.Issuer.As(Member);

    public CallOptions AsCoordinator => services.Issuer.As(Coordinator);

    /// <summary>An administrator's token that outlives a clock moved years ahead.</summary>
    public CallOptions AdminForYears => new(new Metadata { { "authorization", "Bearer " + services.Issuer.Token("admin", TimeSpan.FromDays(365 * 40)) } });

    public static string NewId() => Guid.NewGuid().ToString("N");

    public async Task<RecordsScenario> CouncilAsync(bool ready = true)
    {
        var council = await Commune.CouncilAsync(ready);
        Council = council.Id;
        Group = (await Commune.GroupAsync(council.Id, GroupKind.Operational)).Id;
        Member = (await Commune.MemberAsync(council.Id, Group)).Subject;
        Coordinator = (await Commune.MemberAsync(council.Id, Group, InstitutionKind.MunicipalPreventionService, Role.Coordinator)).Subject;
        return this;
    }

    public static Google.Type.Date Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static DateOnly Today => TestClock.Today;

    public static Identity Young(int age = 16) => new()
    {
        Surname = "Dupont", FirstNames = "Léa", Sex = Sex.Female, BirthDate = Date(Today.AddYears(-age).AddDays(-10)), Address = "1 rue de la Paix",
    };

    /// <summary>A person of <paramref name="age"/>; a minor comes with one legal representative.</summary>
    public async Task<string> PersonAsync(int age = 16) =>
        (await Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = NewId(), CouncilId = Council, Identity = Young(age),
            LegalRepresentatives = { age < 18 ? [new Identity { Surname = "Dupont", FirstNames = "Marc", Phone = "0600000000", Email = "marc.dupont@example.org" }] : Array.Empty<Identity>() },
        }, AsMember)).SubjectRef;

    public async Task<Case> CaseAsync(int age = 16, DateOnly? start = null)
    {
        var subjectRef = await PersonAsync(age);
        return (await Records.OpenCaseAsync(new OpenCaseRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, GroupId = Group, StartDate = start is null ? null : Date(start.Value),
        }, AsMember)).Case;
    }

    public async Task<string> ReferralAsync(string caseId, ReferralOrigin origin = ReferralOrigin.NationalEducation, params ReferralReason[] reasons) =>
        (await FollowUps.RecordReferralAsync(new RecordReferralRequest
        {
            RequestId = NewId(), CaseId = caseId, Origin = origin, Reasons = { reasons.Length == 0 ? [ReferralReason.SchoolAbsenteeism] : reasons },
        }, AsMember)).ReferralId;

    /// <summary>Starts the follow-up in a programme, once the person (for a minor, each legal representative) consented to the enrolment (ACC-3).</summary>
    public async Task StartFollowUpAsync(string caseId)
    {
        await ProgrammeEnrolmentAsync(caseId);
        await FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = NewId(), CaseId = caseId, ReferralId = await ReferralAsync(caseId), Programme = Programme.IndividualPreventionPath, PathReferentId = "participant-1",
        }, AsMember);
    }

    /// <summary>
    /// Informs every party of the person of the case (the person, each legal representative) with a
    /// published notice (CON-2); returns the parties, the notice and the last revision.
    /// </summary>
    public async Task<(string SubjectRef, string[] Parties, string Notice, long Revision)> InformAsync(string caseId)
    {
        var subjectRef = (await Records.GetCaseAsync(new GetCaseRequest { CaseId = caseId }, AsMember)).Case.SubjectRef;
        var subject = (await Commune.Subjects.GetSubjectAsync(new Consent.V1.GetSubjectRequest { SubjectRef = subjectRef }, Commune.Admin)).Subject;
        var notice = await Commune.NoticeAsync(Council);
        string[] parties = [subjectRef, .. subject.LegalRepresentativeRefs];
        long revision = 0;
        foreach (var party in parties)
        {
            revision = (await Commune.Consent.RecordInformingAsync(new Consent.V1.RecordInformingRequest
            {
                RequestId = NewId(), SubjectRef = subjectRef, PartyRef = party, Channel = Consent.V1.Channel.InPerson, NoticeVersion = notice,
            }, Commune.Admin)).Revision;
        }

        return (subjectRef, parties, notice, revision);
    }

    /// <summary>
    /// Informs every party of the person of the case and records their decision on
    /// PROGRAMME_ENROLMENT (CON-2, CON-3) — for a minor, the minor's own view and, unless
    /// <paramref name="representatives"/> is false, each legal representative's; returns the last revision.
    /// </summary>
    public async Task<long> ProgrammeEnrolmentAsync(string caseId, Consent.V1.Decision decision = Consent.V1.Decision.Given, bool representatives = true)
    {
        var (subjectRef, parties, notice, revision) = await InformAsync(caseId);
        foreach (var party in representatives ? parties : parties[..1])
        {
            revision = (await Commune.Consent.RecordDecisionAsync(new Consent.V1.RecordDecisionRequest
            {
                RequestId = NewId(), SubjectRef = subjectRef, Purpose = Consent.V1.Purpose.ProgrammeEnrolment, Decision = decision, DecidedByRef = party,
                Evidence = "formulaire d'adhésion n° " + Random.Shared.Next(1000, 9999), NoticeVersion = notice,
            }, Commune.Admin)).Revision;
        }

        return revision;
    }

    /// <summary>An open connection to the records database of the given host directory: its SQLite file, or its PostgreSQL database.</summary>
    public static async Task<(System.Data.Common.DbConnection Connection, DatabaseProvider Provider)> OpenAsync(string dataDirectory)
    {
        System.Data.Common.DbConnection connection = HostDatabases.PostgresOf(dataDirectory) is { } postgres
            ? new Npgsql.NpgsqlConnection(postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "records.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        return (connection, connection is SqliteConnection ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);
    }

    /// <summary>Counts rows with a statement of each provider's own (byte searches: SQLite's instr, PostgreSQL's position).</summary>
    public static Task<long> CountAsync(string dataDirectory, string sqlite, string postgres, object? args = null) =>
        CountAsync(dataDirectory, HostDatabases.PostgresOf(dataDirectory) is null ? sqlite : postgres, args);

    /// <summary>Counts rows in the records database of the given host directory (on PostgreSQL when the host runs there).</summary>
    public static async Task<long> CountAsync(string dataDirectory, string sql, object? args = null)
    {
        if (HostDatabases.PostgresOf(dataDirectory) is { } postgres)
        {
            await using var server = new Npgsql.NpgsqlConnection(postgres);
            return await server.ExecuteScalarAsync<long>(PostgresStatements.Adapt(sql), args);
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "records.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}
