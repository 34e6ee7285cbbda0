using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>
/// Persons and cases, a policy enforcement point: case data leaves only after the access service
/// allowed it.
/// </summary>
public sealed class RecordsApi(Database database, PersonStore persons, CaseStore cases, CaseViews views, CaseGate gate, Peers peers, CallerResolver callers, TimeProvider time)
    : RecordsService.RecordsServiceBase
{
    public override async Task<CreatePersonResponse> CreatePerson(CreatePersonRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        PersonInput.Validate(request);
        var birthDate = ProtoConvert.RequiredDate(request.Identity.BirthDate, "identity.birth_date");
        var today = Today();
        if (!PersonRules.InFollowUpAge(birthDate, today))
        {
            throw new RuleViolationException("REC-4",
                $"a person is followed only from 12 to 25 (this birth date gives {PersonRules.AgeOn(birthDate, today)} years)", "identity.birth_date");
        }

        var ct = context.CancellationToken;
        await RequireReadyAsync(request.CouncilId, ct);
        if (!caller.IsBootstrapAdmin && !await peers.IsDesignatedInCouncilAsync(caller.Subject, request.CouncilId, ct))
        {
            throw new PermissionDeniedException("ACC-1", "only participants designated in this council may record a person");
        }

        // Derived from the request key, so a retry names the same person at consent too.
        var subjectRef = PersonRules.SubjectRefFor(caller.Subject, request.RequestId);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(subjectRef);
        string[] reps = [.. request.LegalRepresentatives.Select((_, i) => PersonRules.LegalRepresentativeRef(subjectRef, i))];
        await peers.SyncSubjectAsync(subjectRef, request.CouncilId, birthDate.AddYears(PersonRules.MajorityAge), reps, [], ct);
        return await database.WriteOnceAsync(key, CreatePersonResponse.Parser, async w =>
        {
            await persons.InsertAsync(w, subjectRef, request.CouncilId, PersonRules.TwentyFifthBirthday(birthDate), PersonInput.ToFile(request, reps).ToByteArray(), caller.Subject);
            var revision = await w.AppendChangeAsync("person", subjectRef, new CreatePersonResponse { SubjectRef = subjectRef });
            return new CreatePersonResponse { SubjectRef = subjectRef, Revision = revision, LegalRepresentativeRefs = { reps } };
        }, ct);
    }

    public override async Task<OpenCaseResponse> OpenCase(OpenCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var today = Today();
        var startDate = ProtoConvert.DateOr(request.StartDate, "start_date", today);

        var group = await peers.GroupAsync(request.GroupId, ct);
        if (!group.MayHoldCases)
        {
            throw new RuleViolationException("REG-2", "plenary and restricted formations never hold cases", request.GroupId);
        }

        await RequireReadyAsync(group.CouncilId, ct);
        // A person of another council is, from this group, a person that does not exist (ACC-1: nothing leaks).
        var person = await database.ReadConnectionAsync(c => persons.FindAsync(c, null, request.SubjectRef, ct), ct);
        if (person is null || person.CouncilId != group.CouncilId)
        {
            throw Unseen.Denial();
        }

        var caseId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        await peers.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, Action = AccessAction.WriteCase, View = View.Pseudonymous,
            Resource = new CaseResource { CaseId = caseId, SubjectRef = person.SubjectRef, CouncilId = group.CouncilId, GroupId = group.Id, BodyKind = Bodies.Of(group.Kind) },
        }, ct);
        if (!PersonRules.InFollowUpAge(person.Turns25On.AddYears(-PersonRules.AgeLimit), startDate))
        {
            throw new RuleViolationException("REC-4", "no follow-up opens before 12 or at 25 or more", "start_date");
        }

        // Consent learns the new group once access allowed the case, before records commits it.
        var (groups, reps) = await database.ReadConnectionAsync(async c => (await cases.GroupsOfSubjectAsync(c, person.SubjectRef, ct),
            PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(c, person, ct) ?? []).LegalRepresentativeRefs), ct);
        await peers.SyncSubjectAsync(person.SubjectRef, person.CouncilId, person.Turns25On.AddYears(PersonRules.MajorityAge - PersonRules.AgeLimit), reps, [.. groups, group.Id], ct);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(person.SubjectRef);
        return await database.WriteOnceAsync(key, OpenCaseResponse.Parser, async w =>
        {
            var code = PersonRules.NewCaseCode();
            while (await cases.CodeTakenAsync(w, code))
            {
                code = PersonRules.NewCaseCode();
            }

            var row = new CaseRow
            {
                Id = caseId, CaseCode = code, SubjectRef = person.SubjectRef, CouncilId = group.CouncilId, GroupId = group.Id,
                StartDate = startDate, CreatedAt = w.Now, CreatedBy = caller.Subject, BodyKind = (long)Bodies.Of(group.Kind),
            };
            await cases.InsertAsync(w, row);
            var revision = await w.AppendChangeAsync("case", row.Id, new V1.Case { Id = row.Id, CouncilId = row.CouncilId, GroupId = row.GroupId });
            return new OpenCaseResponse { Case = CaseViews.Pseudonymous(row, person, today, identity: null), Revision = revision };
        }, ct);
    }

    public override async Task<GetCaseResponse> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("case_id", request.CaseId, 64)
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive")
            .When(request.MinRegistryRevision < 0, "min_registry_revision", "must be zero or positive")
            .When(request.Named && request.MeasureOnly, "measure_only", "ask for the named view or the measure view, not both").ThrowIfInvalid();
        var ct = context.CancellationToken;
        // Access decides first, on the case as it is, with no connection held across the call: a caller it keeps
        // from the case gets the answer an unknown id gets, and learns neither its state nor anything else (ACC-1).
        var row = await database.ReadConnectionAsync(c => cases.FindAsync(c, request.CaseId, ct), ct) ?? throw Unseen.Denial();
        // REC-6: the view asked for is the one checked and audited; a switch to the named or the measure view is an audited decision.
        var asked = request.MeasureOnly ? View.MeasureOnly : request.Named ? View.Named : View.Pseudonymous;
        var decision = await peers.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, Action = AccessAction.ReadCase, View = asked,
            MinConsentRevision = request.MinConsentRevision, MinRegistryRevision = request.MinRegistryRevision, Resource = await gate.ResourceAsync(row, ct),
        }, ct);
        if (row.Status != CaseRow.Active)
        {
            throw new RuleViolationException("REC-7", "the case is archived: only the coordinator may open it, one case at a time, with a reason (OpenArchivedCase)", "case_id");
        }

        if (decision.View is not (View.MeasureOnly or View.Named or View.Pseudonymous))
        {
            // Fail closed on a view this version does not know.
            throw new PermissionDeniedException("REC-6", $"the access service allowed a view records cannot show ({decision.View}); nothing is returned");
        }

        return await database.ReadConnectionAsync(async c =>
        {
            var person = await persons.FindAsync(c, null, row.SubjectRef, ct) ?? throw new NotFoundException("person", row.SubjectRef);
            if (decision.View == View.MeasureOnly)
            {
                var file = PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(c, person, ct) ?? throw new NotFoundException("person identity", row.SubjectRef));
                var measureView = await views.MeasureViewAsync(c, row, person, file, Today(), decision.MeasureRefs, ct);
                return new GetCaseResponse { Case = measureView, DecisionId = decision.DecisionId, MeasureOnly = true };
            }

            Identity? identity = decision.View == View.Named
                ? CaseViews.IdentityOf(await persons.OpenIdentityAsync(c, person, ct) ?? throw new NotFoundException("person identity", row.SubjectRef))
                : null;
            var view = await views.ViewAsync(c, row, person, Today(), identity, ct);
            return new GetCaseResponse { Case = view, DecisionId = decision.DecisionId, Named = identity is not null };
        }, ct);
    }

    private async Task RequireReadyAsync(string councilId, CancellationToken ct)
    {
        if (!(await peers.CouncilAsync(councilId, ct)).ReadyForNominativeProcessing)
        {
            throw new RuleViolationException("REG-1", "the council has not named its controller and coordinator: no nominative processing yet", councilId);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
