using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Dapper;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace Clspd.Records.Tests.Api;

/// <summary>A council with a group, a member, a coordinator, and helpers to build cases through the APIs.</summary>
public sealed class RecordsScenario(RecordsServices services, GrpcChannel? records = null)
{
    private GrpcChannel Channel => records ?? services.Records.Channel;

    public Commune Commune => new(services.Registry.Channel, services.Consent.Channel, services.Issuer.As);

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

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static Identity Young(int age = 16) => new()
    {
        Surname = "Dupont", FirstNames = "Léa", Sex = Sex.Female, BirthDate = Date(Today.AddYears(-age).AddDays(-10)), Address = "1 rue de la Paix",
    };

    public async Task<string> PersonAsync(int age = 16) =>
        (await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = Council, Identity = Young(age) }, AsMember)).SubjectRef;

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

    public async Task StartFollowUpAsync(string caseId) =>
        await FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = NewId(), CaseId = caseId, ReferralId = await ReferralAsync(caseId), Programme = Programme.IndividualPreventionPath, PathReferentId = "participant-1",
        }, AsMember);

    /// <summary>Counts rows in the records database of the given host directory.</summary>
    public static async Task<long> CountAsync(string dataDirectory, string sql, object? args = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "records.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}
