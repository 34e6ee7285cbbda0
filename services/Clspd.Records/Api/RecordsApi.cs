using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Persons;
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
/// allowed it. No connection is open while a peer answers: facts are read in one session, closed,
/// then the peer is asked, then a new session reads or writes.
/// </summary>
public sealed class RecordsApi(
    Database database, PersonStore persons, CaseStore cases, CaseViews views, CaseGate gate, MyCases mine, RegistryPeer registry, AccessPeer access, ConsentPeer consent,
    CallerResolver callers, TimeProvider time)
    : RecordsService.RecordsServiceBase
{
    public override async Task<CreatePersonResponse> CreatePerson(CreatePersonRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        PersonInput.Validate(request);
        var birthDate = ProtoConvert.RequiredDate(request.Identity.BirthDate, "identity.birth_date");
        PersonRules.Recordable(birthDate, Today()).ThrowIfAny();
        var ct = context.CancellationToken;
        CouncilRules.NominativeProcessing((await registry.CouncilAsync(request.CouncilId, ct)).ReadyForNominativeProcessing, request.CouncilId).ThrowIfAny();
        CallerRules.RecordsPerson(caller.IsBootstrapAdmin, !caller.IsBootstrapAdmin && CallerRules.ActsFor(caller.Councils, request.CouncilId) && await registry.IsDesignatedInCouncilAsync(caller.Subject, request.CouncilId, ct))
            .ThrowIfDenied();

        // Derived from the request key, so a retry names the same person at consent too.
        var subjectRef = PersonRules.SubjectRefFor(caller.Subject, request.RequestId);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(subjectRef);
        string[] reps = [.. request.LegalRepresentatives.Select((_, i) => PersonRules.LegalRepresentativeRef(subjectRef, i))];
        await consent.SyncSubjectAsync(subjectRef, request.CouncilId, birthDate.AddYears(PersonRules.MajorityAge), reps, [], ct);
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

        var group = await registry.GroupAsync(request.GroupId, ct);
        CouncilRules.HoldsCases(group.MayHoldCases, request.GroupId).ThrowIfAny();
        CouncilRules.NominativeProcessing((await registry.CouncilAsync(group.CouncilId, ct)).ReadyForNominativeProcessing, group.CouncilId).ThrowIfAny();
        // A person of another council is, from this group, a person that does not exist (ACC-1: nothing leaks).
        var seen = await database.ReadAsync(async s =>
        {
            var person = await persons.FindAsync(s, request.SubjectRef);
            return person is null || person.CouncilId != group.CouncilId
                ? null
                : new { Person = person, Groups = await cases.GroupsOfSubjectAsync(s, person.SubjectRef),
                    Reps = PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(s, person) ?? []).LegalRepresentativeRefs };
        }, ct) ?? throw Unseen.Violation.ToDenial();
        var person = seen.Person;

        var caseId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.WriteCase, View = View.Pseudonymous,
            Resource = new CaseResource { CaseId = caseId, SubjectRef = person.SubjectRef, CouncilId = group.CouncilId, GroupId = group.Id, BodyKind = Bodies.Of(group.Kind) },
        }, ct);
        PersonRules.FollowUpOpens(person.Turns25On, startDate).ThrowIfAny();

        // Consent learns the new group once access allowed the case, before records commits it.
        await consent.SyncSubjectAsync(person.SubjectRef, person.CouncilId, PersonRules.MinorUntil(person.Turns25On), seen.Reps, [.. seen.Groups, group.Id], ct);

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
        // Access decides first, on the case as it is, with no connection held across the call (the facts are
        // read in one session, closed before access is asked): a caller it keeps from the case gets the answer
        // an unknown id gets, and learns neither its state nor anything else (ACC-1).
        var (row, resource) = await gate.SeenAsync(request.CaseId, ct);
        // REC-6: the view asked for is the one checked and audited; a switch to the named or the measure view is an audited decision.
        var asked = request.MeasureOnly ? View.MeasureOnly : request.Named ? View.Named : View.Pseudonymous;
        var decision = await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.ReadCase, View = asked,
            MinConsentRevision = request.MinConsentRevision, MinRegistryRevision = request.MinRegistryRevision, Resource = resource,
        }, ct);
        CaseRules.Readable(row.Status == CaseRow.Active).ThrowIfAny();
        // Fail closed on a view this version does not know.
        CaseRules.Shown(decision.View).ThrowIfDenied();

        // A new session, once access has answered.
        return await database.ReadAsync(async s =>
        {
            var person = await persons.FindAsync(s, row.SubjectRef) ?? throw new NotFoundException("person", row.SubjectRef);
            if (decision.View == View.MeasureOnly)
            {
                var file = PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(s, person) ?? throw new NotFoundException("person identity", row.SubjectRef));
                var measureView = await views.MeasureViewAsync(s, row, person, file, Today(), decision.MeasureRefs);
                return new GetCaseResponse { Case = measureView, DecisionId = decision.DecisionId, MeasureOnly = true };
            }

            Identity? identity = decision.View == View.Named
                ? CaseViews.IdentityOf(await persons.OpenIdentityAsync(s, person) ?? throw new NotFoundException("person identity", row.SubjectRef))
                : null;
            var view = await views.ViewAsync(s, row, person, Today(), identity);
            return new GetCaseResponse { Case = view, DecisionId = decision.DecisionId, Named = identity is not null };
        }, ct);
    }

    public override Task<ListMyCasesResponse> ListMyCases(ListMyCasesRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().When(request.PageSize is < 0 or > MaxPageSize, "page_size", $"must be between 1 and {MaxPageSize} (0: {DefaultPageSize})")
            .MaxLength("after_case_id", request.AfterCaseId, 64).MaxLength("council_id", request.CouncilId, 64).MaxLength("group_id", request.GroupId, 64)
            .When(request.MinRegistryRevision < 0, "min_registry_revision", "must be zero or positive")
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive").ThrowIfInvalid();
        return mine.ListAsync(caller, request, request.PageSize == 0 ? DefaultPageSize : request.PageSize, Today(), context.CancellationToken);
    }

    private const int MaxPageSize = 100;
    private const int DefaultPageSize = 50;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
