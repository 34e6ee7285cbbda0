using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>Builds registry fixtures through the public API: councils with a charter, signed institutions, participants.</summary>
public sealed class Scenario(RegistryHost host)
{
    public const string CharterVersion = "2026-1";

    public static readonly string TextHash = new('a', 64);

    /// <summary>The fake clock's day: the latest date an order or signature may carry.</summary>
    public static readonly Google.Type.Date Today = new() { Year = 2026, Month = 11, Day = 29 };

    public static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2027, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public RegistryService.RegistryServiceClient Registry => host.Client;

    public CharterService.CharterServiceClient Charter => host.Charter;

    public CallOptions Admin => host.Issuer.As("admin");

    public CallOptions As(string subject) => host.Issuer.As(subject);

    public CallOptions As(Participant participant) => host.Issuer.As(participant.Subjects[0]);

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static Timestamp Ts(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    public async Task<Council> CouncilAsync(string coordinator = "Coordinatrice Dupont", bool withCharter = true)
    {
        var council = (await Registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = NewId(), Name = "CLSPD de Villeneuve", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
            ControllerName = "Le maire", CoordinatorName = coordinator,
        }, Admin)).Council;
        if (withCharter)
        {
            await PublishAsync(council.Id, CharterVersion);
        }

        return council;
    }

    public async Task<PublishCharterVersionResponse> PublishAsync(string councilId, string version) =>
        await Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
        {
            RequestId = NewId(), CouncilId = councilId, Version = version, Date = Today, TextSha256 = TextHash,
        }, Admin);

    public async Task<Group> GroupAsync(string councilId, GroupKind kind = GroupKind.Territorial) =>
        (await Registry.CreateGroupAsync(new CreateGroupRequest { RequestId = NewId(), CouncilId = councilId, Name = "Groupe " + NewId(), Kind = kind }, Admin)).Group;

    public async Task<Institution> InstitutionAsync(InstitutionKind kind = InstitutionKind.SpecialisedPrevention) =>
        (await Registry.CreateInstitutionAsync(new CreateInstitutionRequest { RequestId = NewId(), Name = "Institution " + NewId(), Kind = kind }, Admin)).Institution;

    public async Task<Participant> ParticipantAsync(string institutionId, string fullName = "Camille Martin") =>
        (await Registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = fullName, Function = "Éducatrice", InstitutionId = institutionId,
            Email = "camille@example.org", Subjects = { "sub-" + NewId() },
        }, Admin)).Participant;

    public async Task<SignCharterResponse> SignAsync(string councilId, string institutionId, string version = CharterVersion) =>
        await Charter.SignCharterAsync(new SignCharterRequest
        {
            RequestId = NewId(), CouncilId = councilId, Version = version, InstitutionId = institutionId, SignedOn = Today,
            SignatoryName = "Jeanne Roux", SignatoryFunction = "Directrice",
        }, Admin);

    public async Task<AcceptCharterResponse> AcceptAsync(string councilId, Participant participant, string version = CharterVersion) =>
        await Charter.AcceptCharterAsync(new AcceptCharterRequest
        {
            RequestId = NewId(), CouncilId = councilId, Version = version, AccessTracedAcknowledged = true,
        }, As(participant));

    /// <summary>A participant whose institution signed and who accepted the council's current charter (REG-3).</summary>
    public async Task<Participant> ReadyParticipantAsync(string councilId, InstitutionKind kind = InstitutionKind.SpecialisedPrevention, string fullName = "Camille Martin")
    {
        var institution = await InstitutionAsync(kind);
        await SignAsync(councilId, institution.Id);
        var participant = await ParticipantAsync(institution.Id, fullName);
        await AcceptAsync(councilId, participant);
        return participant;
    }

    public static DesignateRequest Designation(string participantId, string groupId, Role role = Role.GroupMember) => new()
    {
        RequestId = NewId(),
        Order = new MayorOrder { Number = "2026-114", Date = new Google.Type.Date { Year = 2026, Month = 11, Day = 2 }, SignedBy = "Le maire" },
        ParticipantId = participantId, GroupId = groupId, Role = role,
        ValidFrom = Ts(From),
        ValidTo = Ts(To),
    };

    public async Task<DesignateResponse> DesignateAsync(string participantId, string groupId, Role role = Role.GroupMember) =>
        await Registry.DesignateAsync(Designation(participantId, groupId, role), Admin);

    /// <summary>A participant designated coordinator of the council (through a group of the council).</summary>
    public async Task<Participant> CoordinatorAsync(string councilId, string groupId)
    {
        var coordinator = await ReadyParticipantAsync(councilId, InstitutionKind.MunicipalPreventionService, "Coordinatrice Dupont");
        await DesignateAsync(coordinator.Id, groupId, Role.Coordinator);
        return coordinator;
    }
}
