using System.Security.Cryptography;
using System.Text;
using Clspd.Cli.Output;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Demo;

/// <summary>
/// Builds the demo commune through the public API, each step by the person who would do it: the
/// mayor's office (the bootstrap administrator) sets up the council, the participants accept the
/// charter themselves, the coordinator records persons and opens cases, the department's social
/// worker records informing and consent, the coordinator records each referral, the path referent
/// adds an action and an information item to Yanis's follow-up. The administrator also registers
/// each subject's groups with consent, as records does not do it yet.
/// </summary>
public sealed class Seeder(Run run, Func<string, Connection> connect, World world)
{
    public const string CharterVersion = "2026-1";
    private const string OrderNumber = "2026-114";
    private const string OrderSignedBy = "Le maire, Jeanne Martin";
    private readonly string _prefix = "demo-" + (world.Tag.Length > 0 ? world.Tag + "-" : "") + Guid.CreateVersion7().ToString("N")[^8..];
    private readonly DateTime _now = DateTime.UtcNow;
    private Progress? _progress;

    public static int Steps => 4 + Cast.Members.Length * 4 + Cast.Members.Sum(m => m.Groups.Length) + 1
        + Cast.Persons.Sum(p => 4 + 2 * (1 + p.Representatives) + (p.Consent == ConsentChoice.Withdrawn ? 1 : 0)) + 1 + 3;

    private Connection Admin => connect("admin");

    private Connection Coordinator => connect(world.Subjects["ville"]);

    private Connection SocialWorker => connect(world.Subjects["cd91"]);

    private Connection PathReferent => connect(world.Subjects["relais"]);

    public async Task SeedAsync(CancellationToken ct)
    {
        _progress = new Progress(run.Err, "building the demo commune", Steps);
        await CouncilAsync(ct);
        await InstitutionsAsync(ct);
        await DesignationsAsync(ct);
        await NoticeAsync(ct);
        foreach (var young in Cast.Persons)
        {
            world.Persons.Add(await PersonAsync(young, ct));
        }

        await PathReferentAsync(ct);
        await FollowUpAsync(ct);
        _progress.Finish();
    }

    private async Task CouncilAsync(CancellationToken ct)
    {
        var council = await Admin.Registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = Id("council"), Name = Cast.CouncilName + Suffix, Kind = CouncilKind.Clspd, CommuneInseeCodes = { Cast.Insee },
            ControllerName = Cast.Mayor, CoordinatorName = Cast.Coordinator,
        }, cancellationToken: ct);
        world.CouncilId = council.Council.Id;
        Step();
        foreach (var (key, name, kind) in Cast.Groups)
        {
            var group = await Admin.Registry.CreateGroupAsync(new CreateGroupRequest { RequestId = Id("group-" + key), CouncilId = world.CouncilId, Name = name, Kind = kind }, cancellationToken: ct);
            world.GroupIds[key] = group.Group.Id;
        }

        Step();
        await Admin.Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
        {
            RequestId = Id("charter"), CouncilId = world.CouncilId, Version = CharterVersion, Date = Day(_now.AddDays(-30)),
            TextSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Cast.CharterText))),
        }, cancellationToken: ct);
        Step(2);
    }

    private async Task InstitutionsAsync(CancellationToken ct)
    {
        foreach (var member in Cast.Members)
        {
            var institution = await Admin.Registry.CreateInstitutionAsync(new CreateInstitutionRequest { RequestId = Id("inst-" + member.Key), Name = member.Institution + Suffix, Kind = member.Kind }, cancellationToken: ct);
            world.InstitutionIds[member.Key] = institution.Institution.Id;
            Step();
            await Admin.Charter.SignCharterAsync(new SignCharterRequest
            {
                RequestId = Id("sign-" + member.Key), CouncilId = world.CouncilId, Version = CharterVersion, InstitutionId = institution.Institution.Id,
                SignedOn = Day(_now), SignatoryName = "La direction de " + member.Institution, SignatoryFunction = "Représentant légal",
            }, cancellationToken: ct);
            Step();
            var participant = await Admin.Registry.RegisterParticipantAsync(new RegisterParticipantRequest
            {
                RequestId = Id("part-" + member.Key), FullName = member.Name, Function = member.Function, InstitutionId = institution.Institution.Id,
                Email = member.Subject + "@example.org", Subjects = { world.Subjects[member.Key] },
            }, cancellationToken: ct);
            world.ParticipantIds[member.Key] = participant.Participant.Id;
            Step();
            await connect(world.Subjects[member.Key]).Charter.AcceptCharterAsync(new AcceptCharterRequest
            {
                RequestId = Id("accept-" + member.Key), CouncilId = world.CouncilId, Version = CharterVersion, AccessTracedAcknowledged = true,
            }, cancellationToken: ct);
            Step();
        }
    }

    private async Task DesignationsAsync(CancellationToken ct)
    {
        foreach (var member in Cast.Members)
        {
            foreach (var group in member.Groups)
            {
                var reply = await Designate(member.Key, group, member.Role, "", ct);
                foreach (var warning in reply.Warnings)
                {
                    if (!run.Json)
                    {
                        run.Err.WriteLine($"  note for {member.Name}: {warning}");
                    }
                }

                Step();
            }
        }
    }

    private async Task NoticeAsync(CancellationToken ct)
    {
        var draft = await Admin.Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest
        {
            RequestId = Id("notice"), CouncilId = world.CouncilId,
            Content = new NoticeContent
            {
                Title = "Information sur le suivi individualisé",
                Controller = "Le maire de Villeneuve-sur-Orge, hôtel de ville, place de la Mairie",
                Purposes = "Coordonner le suivi individualisé des jeunes de 12 à 25 ans dans le cadre du CLSPD.",
                Recipients = "Les membres désignés par arrêté du maire du groupe qui suit votre situation.",
                Retention = "Jusqu'à la fin du suivi, puis 3 mois d'archive ; au plus tard jusqu'à vos 25 ans.",
                LegalBasis = "Consentement (article 6.1.a du RGPD) ; article L. 132-5 du code de la sécurité intérieure.",
                Rights = "Accès, rectification, effacement, limitation, opposition, retrait du consentement à tout moment.",
                RightsContact = "Coordonnatrice du CLSPD, hôtel de ville, ou clspd@villeneuve.example",
                DpoContact = "dpo@villeneuve.example",
                CnilComplaint = "Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).",
            },
        }, cancellationToken: ct);
        var published = await Admin.Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = Id("notice-publish"), NoticeId = draft.Notice.Id }, cancellationToken: ct);
        world.NoticeId = published.Notice.Id;
        Step();
    }

    private async Task<FollowedPerson> PersonAsync(Young young, CancellationToken ct)
    {
        var key = young.Surname.ToLowerInvariant();
        var born = _now.AddYears(-young.Age).AddDays(-97 - young.Surname.Length * 11);
        var groupId = world.GroupIds[young.Group];
        var person = await Coordinator.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = Id("person-" + key), CouncilId = world.CouncilId,
            Identity = new Identity
            {
                Surname = young.Surname, FirstNames = young.FirstNames, Sex = young.Sex, BirthDate = Day(born),
                Address = $"{young.Surname.Length * 3} rue de la République, 91190 Villeneuve-sur-Orge",
            },
            LegalRepresentatives = { Enumerable.Range(0, young.Representatives).Select(i => Representative(young, i)) },
            SchoolLevel = young.Age switch { < 16 => SchoolLevel.LowerSecondary, 16 => SchoolLevel.GeneralUpperSecondary, 17 => SchoolLevel.VocationalUpperSecondary, _ => SchoolLevel.Unspecified },
            ProfessionalSituation = young.Age < 18 ? ProfessionalSituation.Unspecified
                : (young.Age % 3) switch { 0 => ProfessionalSituation.JobSeeker, 1 => ProfessionalSituation.InTraining, _ => ProfessionalSituation.Employed },
        }, cancellationToken: ct);
        Step();
        var subject = person.SubjectRef;
        var representatives = person.LegalRepresentativeRefs.ToList();
        var minorUntil = young.Age < 18 ? Day(born.AddYears(18)) : null;
        var opened = await Coordinator.Records.OpenCaseAsync(new OpenCaseRequest { RequestId = Id("case-" + key), SubjectRef = subject, GroupId = groupId }, cancellationToken: ct);
        Step();
        var referral = await Coordinator.FollowUp.RecordReferralAsync(new RecordReferralRequest
        {
            RequestId = Id("referral-" + key), CaseId = opened.Case.Id, Origin = young.Origin, Reasons = { young.Reason }, ReferredOn = Day(_now.AddDays(-20)),
        }, cancellationToken: ct);
        Step();
        // Records registers the person with consent (minority, legal representatives); the groups
        // are added here until records does it itself.
        await Admin.Subjects.PutSubjectAsync(new PutSubjectRequest
        {
            RequestId = Id("subject-" + key), SubjectRef = subject, MinorUntil = minorUntil, LegalRepresentativeRefs = { representatives }, GroupIds = { groupId },
        }, cancellationToken: ct);
        Step();

        long revision = 0;
        string[] parties = [subject, .. representatives];
        foreach (var (party, i) in parties.Select((p, i) => (p, i)))
        {
            await SocialWorker.Consent.RecordInformingAsync(new RecordInformingRequest
            {
                RequestId = Id($"inform-{key}-{i}"), SubjectRef = subject, PartyRef = party, Channel = Channel.InPerson, NoticeVersion = world.NoticeId,
            }, cancellationToken: ct);
            Step();
        }

        foreach (var (party, i) in parties.Select((p, i) => (p, i)))
        {
            var decision = young.Consent == ConsentChoice.Refused ? Decision.Refused : Decision.Given;
            var reply = await SocialWorker.Consent.RecordDecisionAsync(new RecordDecisionRequest
            {
                RequestId = Id($"decide-{key}-{i}"), SubjectRef = subject, Purpose = Purpose.NamedDiscussion, GroupId = groupId, Decision = decision,
                DecidedByRef = party, Evidence = $"Formulaire signé F-2026-{100 + world.Persons.Count}", NoticeVersion = world.NoticeId,
            }, cancellationToken: ct);
            revision = reply.Revision;
            Step();
        }

        if (young.Consent == ConsentChoice.Withdrawn)
        {
            var withdrawal = await SocialWorker.Consent.WithdrawConsentAsync(new WithdrawConsentRequest
            {
                RequestId = Id("withdraw-" + key), SubjectRef = subject, Purpose = Purpose.NamedDiscussion, GroupId = groupId,
                Evidence = "Courrier de retrait du consentement reçu en mairie",
            }, cancellationToken: ct);
            revision = withdrawal.Revision;
            Step();
        }

        return new FollowedPerson(young, subject, opened.Case.Id, opened.Case.CaseCode, groupId, revision, referral.ReferralId);
    }

    private async Task PathReferentAsync(CancellationToken ct)
    {
        // Camille becomes the path referent of Yanis's case: a designation bound to that one case (REG-4).
        await Designate("relais", Cast.Operational, Role.PathReferent, world.Person("Ferreira").CaseId, ct);
        Step();
    }

    // Yanis's follow-up: started by the coordinator from his referral, with Camille as path referent;
    // she adds a training action and a confidential information item she attests is not secret (REC-3, REC-5).
    private async Task FollowUpAsync(CancellationToken ct)
    {
        var yanis = world.Person("Ferreira");
        // Enrolling him in a programme needs his consent to it (ACC-3); he is of age and decides alone.
        await SocialWorker.Consent.RecordDecisionAsync(new RecordDecisionRequest
        {
            RequestId = Id("enrol-ferreira"), SubjectRef = yanis.SubjectRef, Purpose = Purpose.ProgrammeEnrolment, Decision = Decision.Given,
            DecidedByRef = yanis.SubjectRef, Evidence = "Formulaire d'adhésion F-2026-201", NoticeVersion = world.NoticeId,
        }, cancellationToken: ct);
        await Coordinator.FollowUp.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = Id("followup-ferreira"), CaseId = yanis.CaseId, ReferralId = yanis.ReferralId, Programme = Programme.ProfessionalIntegration,
            PathReferentId = world.ParticipantIds["relais"], StartDate = Day(_now.AddDays(-14)),
        }, cancellationToken: ct);
        Step();
        var action = await PathReferent.CaseItems.AddActionAsync(new AddActionRequest
        {
            RequestId = Id("action-ferreira"), CaseId = yanis.CaseId, Kind = ActionKind.Training, StartDate = Day(_now.AddDays(-7)), Result = ActionResult.Ongoing,
        }, cancellationToken: ct);
        world.FollowUp.ActionId = action.ActionId;
        Step();
        var item = await PathReferent.CaseItems.AddInformationItemAsync(new AddInformationItemRequest
        {
            RequestId = Id("item-ferreira"), CaseId = yanis.CaseId, Category = ItemCategory.ActionProgress, Classification = Classification.Confidential,
            AuthorAttestsNotSecret = true, ObservedOn = Day(_now.AddDays(-2)),
        }, cancellationToken: ct);
        world.FollowUp.ItemId = item.ItemId;
        world.FollowUp.CaseId = yanis.CaseId;
        Step();
    }

    private static Identity Representative(Young young, int index) => new()
    {
        Surname = young.Surname, FirstNames = index == 0 ? "Nathalie" : "Olivier", Sex = index == 0 ? Sex.Female : Sex.Male,
        Phone = $"06 12 34 {10 + young.Surname.Length:00} {20 + index:00}",
    };

    private Task<DesignateResponse> Designate(string member, string group, Role role, string caseRef, CancellationToken ct) =>
        Admin.Registry.DesignateAsync(new DesignateRequest
        {
            RequestId = Id($"designate-{member}-{group}-{role}"), ParticipantId = world.ParticipantIds[member], GroupId = world.GroupIds[group], Role = role,
            Order = new MayorOrder { Number = OrderNumber, Date = Day(_now), SignedBy = OrderSignedBy },
            ValidFrom = Timestamp.FromDateTime(_now.AddMinutes(-10)), ValidTo = Timestamp.FromDateTime(_now.AddYears(1)), CaseRef = caseRef,
        }, cancellationToken: ct).ResponseAsync;

    private string Suffix => world.Tag.Length > 0 ? $" ({world.Tag})" : "";

    // Request ids are at most 64 characters: a long one is replaced by a hash of itself.
    private string Id(string what) =>
        _prefix.Length + 1 + what.Length <= 64 ? $"{_prefix}-{what}" : $"{_prefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..40]}";

    private void Step(int count = 1) => _progress?.Step(count);

    private static Google.Type.Date Day(DateTime day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
