using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Testing;

/// <summary>
/// Builds a commune through the public APIs, the way its people would: a ready council with a
/// charter, bodies, signed institutions, participants who accepted the charter and are designated
/// by mayor's order, a published information notice, informed and consenting persons. Works on
/// in-process hosts and through the gateway alike (pass the same channel twice). Dates come from
/// <paramref name="clock"/>: the hosts' fake clock in process, the system clock for a started stack.
/// </summary>
public sealed class Commune(GrpcChannel registry, GrpcChannel consent, Func<string, CallOptions> asSubject, TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;

    public const string CharterVersion = "2026-1";

    public RegistryService.RegistryServiceClient Registry { get; } = new(registry);

    public CharterService.CharterServiceClient Charter { get; } = new(registry);

    public ConsentService.ConsentServiceClient Consent { get; } = new(consent);

    public SubjectService.SubjectServiceClient Subjects { get; } = new(consent);

    public NoticeService.NoticeServiceClient Notices { get; } = new(consent);

    public CallOptions Admin => asSubject("admin");

    public CallOptions As(string subject) => asSubject(subject);

    public static string NewId() => Guid.NewGuid().ToString("N");

    private Google.Type.Date Today()
    {
        var d = _clock.GetUtcNow().UtcDateTime;
        return new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day };
    }

    /// <summary>A council with its controller, coordinator (unless <paramref name="ready"/> is false) and a current charter.</summary>
    public async Task<Council> CouncilAsync(bool ready = true)
    {
        var council = (await Registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = NewId(), Name = "CLSPD de Villeneuve", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
            ControllerName = "Le maire", CoordinatorName = ready ? "Coordinatrice Dupont" : "",
        }, Admin)).Council;
        await Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
        {
            RequestId = NewId(), CouncilId = council.Id, Version = CharterVersion, Date = Today(), TextSha256 = new string('a', 64),
        }, Admin);
        return council;
    }

    public async Task<Group> GroupAsync(string councilId, GroupKind kind = GroupKind.Territorial) =>
        (await Registry.CreateGroupAsync(new CreateGroupRequest { RequestId = NewId(), CouncilId = councilId, Name = "Groupe " + NewId(), Kind = kind }, Admin)).Group;

    /// <summary>A participant of an institution of <paramref name="kind"/> that signed the charter, who accepted it personally.</summary>
    public async Task<Participant> ParticipantAsync(string councilId, InstitutionKind kind = InstitutionKind.SpecialisedPrevention)
    {
        var institution = (await Registry.CreateInstitutionAsync(new CreateInstitutionRequest { RequestId = NewId(), Name = "Institution " + NewId(), Kind = kind }, Admin)).Institution;
        await Charter.SignCharterAsync(new SignCharterRequest
        {
            RequestId = NewId(), CouncilId = councilId, Version = CharterVersion, InstitutionId = institution.Id, SignedOn = Today(),
            SignatoryName = "Directrice", SignatoryFunction = "Directrice",
        }, Admin);
        var subject = "user-" + NewId();
        var participant = (await Registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = "Camille Martin", Function = "Éducatrice", InstitutionId = institution.Id,
            Email = "camille@example.org", Subjects = { subject },
        }, Admin)).Participant;
        await Charter.AcceptCharterAsync(new AcceptCharterRequest { RequestId = NewId(), CouncilId = councilId, Version = CharterVersion, AccessTracedAcknowledged = true }, As(subject));
        return participant;
    }

    /// <summary>Designates a participant by mayor's order, valid from yesterday for a year; returns the response (with its revision).</summary>
    public Task<DesignateResponse> DesignateAsync(Participant participant, string groupId, Role role = Role.GroupMember, string caseRef = "") =>
        Registry.DesignateAsync(new DesignateRequest
        {
            RequestId = NewId(), ParticipantId = participant.Id, GroupId = groupId, Role = role, CaseRef = caseRef,
            Order = new MayorOrder { Number = "2026-" + Random.Shared.Next(100, 999), Date = Today(), SignedBy = "Le maire" },
            ValidFrom = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(-1)), ValidTo = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddYears(1)),
        }, Admin).ResponseAsync;

    /// <summary>A designated participant of a fresh institution; returns their token subject and the designation revision.</summary>
    public async Task<(string Subject, long Revision)> MemberAsync(string councilId, string groupId, InstitutionKind kind = InstitutionKind.SpecialisedPrevention, Role role = Role.GroupMember, string caseRef = "")
    {
        var participant = await ParticipantAsync(councilId, kind);
        var designated = await DesignateAsync(participant, groupId, role, caseRef);
        return (participant.Subjects[0], designated.Revision);
    }

    /// <summary>The calendar day of now in the councils' time zone (Europe/Paris): the day of a meeting held "today".</summary>
    public DateOnly CouncilToday()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), paris).DateTime);
    }

    /// <summary>Schedules a meeting of the group on <paramref name="day"/>; returns the meeting.</summary>
    public async Task<Meeting> MeetingAsync(string groupId, DateOnly day) =>
        (await Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = NewId(), GroupId = groupId, Date = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day }, PlaceLabel = "Mairie, salle du conseil",
        }, Admin)).Meeting;

    /// <summary>
    /// A participant of a fresh institution designated with a bound role (REG-4): an occasional
    /// attendee of <paramref name="meetingId"/> or the implementer of <paramref name="measureRef"/>;
    /// valid from two days before to two days after now. Returns their token subject and the revision.
    /// </summary>
    public async Task<(string Subject, long Revision)> BoundMemberAsync(string councilId, string groupId, Role role, string meetingId = "", string measureRef = "",
        InstitutionKind kind = InstitutionKind.NationalEducation)
    {
        var participant = await ParticipantAsync(councilId, kind);
        var designated = await Registry.DesignateAsync(new DesignateRequest
        {
            RequestId = NewId(), ParticipantId = participant.Id, GroupId = groupId, Role = role, MeetingId = meetingId, MeasureRef = measureRef,
            Order = new MayorOrder { Number = "2026-" + Random.Shared.Next(100, 999), Date = Today(), SignedBy = "Le maire" },
            ValidFrom = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(-2)), ValidTo = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(3)),
        }, Admin);
        return (participant.Subjects[0], designated.Revision);
    }

    /// <summary>Records that the subject (the person of age) was informed with the notice (CON-2); returns the revision.</summary>
    public async Task<long> InformAsync(string subjectRef, string noticeId) =>
        (await Consent.RecordInformingAsync(new RecordInformingRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Channel = Channel.InPerson, NoticeVersion = noticeId,
        }, Admin)).Revision;

    /// <summary>Records informing of the subject and their decision on the programme enrolment (ACC-3); returns the decision revision.</summary>
    public async Task<long> ProgrammeEnrolmentAsync(string subjectRef, string noticeId, Decision decision = Decision.Given)
    {
        await InformAsync(subjectRef, noticeId);
        return (await Consent.RecordDecisionAsync(new RecordDecisionRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.ProgrammeEnrolment, Decision = decision,
            Evidence = "formulaire d'adhésion n° " + Random.Shared.Next(1000, 9999), NoticeVersion = noticeId,
        }, Admin)).Revision;
    }

    /// <summary>Withdraws the subject's consent to the programme enrolment; returns the withdrawal revision.</summary>
    public async Task<long> WithdrawProgrammeEnrolmentAsync(string subjectRef) =>
        (await Consent.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.ProgrammeEnrolment, Evidence = "courrier de retrait",
        }, Admin)).Revision;

    /// <summary>Publishes a complete information notice for the council; returns its id (the notice version informing cites).</summary>
    public async Task<string> NoticeAsync(string councilId)
    {
        var draft = await Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest
        {
            RequestId = NewId(), CouncilId = councilId,
            Content = new NoticeContent
            {
                Title = "Information sur le traitement de vos données", Controller = "Le maire de Villeneuve",
                Purposes = "Suivi individualisé de prévention de la délinquance", Recipients = "Membres désignés du groupe opérationnel",
                Retention = "Trois mois après la fin du suivi, au plus tard jusqu'à 25 ans", LegalBasis = "Article L. 132-5 du code de la sécurité intérieure",
                Rights = "Accès, rectification, opposition, limitation", RightsContact = "Mairie de Villeneuve, service prévention",
                DpoContact = "dpo@villeneuve.example", CnilComplaint = "Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr)",
            },
        }, Admin);
        var published = await Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = NewId(), NoticeId = draft.Notice.Id }, Admin);
        return published.Notice.Id;
    }

    /// <summary>Registers a subject with consent directly (a department running consent alone does this).</summary>
    public Task<PutSubjectResponse> SubjectAsync(string subjectRef, params string[] groupIds) =>
        Subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = NewId(), SubjectRef = subjectRef, GroupIds = { groupIds } }, Admin).ResponseAsync;

    /// <summary>Records informing of the subject and their decision on a named discussion in the group; returns the decision revision.</summary>
    public async Task<long> NamedDiscussionAsync(string subjectRef, string groupId, string noticeId, Decision decision = Decision.Given)
    {
        await Consent.RecordInformingAsync(new RecordInformingRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Channel = Channel.InPerson, NoticeVersion = noticeId,
        }, Admin);
        var decided = await Consent.RecordDecisionAsync(new RecordDecisionRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.NamedDiscussion, GroupId = groupId, Decision = decision,
            Evidence = "formulaire signé n° " + Random.Shared.Next(1000, 9999), NoticeVersion = noticeId,
        }, Admin);
        return decided.Revision;
    }

    /// <summary>Withdraws the subject's consent to a named discussion in the group; returns the withdrawal revision.</summary>
    public async Task<long> WithdrawNamedDiscussionAsync(string subjectRef, string groupId) =>
        (await Consent.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.NamedDiscussion, GroupId = groupId, Evidence = "courrier de retrait",
        }, Admin)).Revision;
}
