using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>REC-8: which body holds a case, and the coordinator's move of a case to another body.</summary>
public sealed class BodyApi(
    Database database, CaseGate gate, CaseStore cases, PersonStore persons, RegistryPeer registry, AccessPeer access, ConsentPeer consent, CallerResolver callers,
    TimeProvider time)
    : BodyService.BodyServiceBase
{
    public override async Task<MoveCaseResponse> MoveCase(MoveCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64)
            .Required("target_group_id", request.TargetGroupId, 64).Known("reason", request.Reason).ThrowIfInvalid();
        var ct = context.CancellationToken;
        // Access decides first, on the case as it is: a caller it keeps from the case gets the answer an unknown id gets (ACC-1).
        var (row, resource) = await gate.SeenAsync(request.CaseId, ct);
        var decision = await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.MoveCase, View = View.Pseudonymous, Resource = resource, Justification = request.Reason.ToString(),
        }, ct);
        MoveRules.Movable(row.Status == CaseRow.Active).ThrowIfAny();
        var target = await registry.GroupAsync(request.TargetGroupId, ct);
        MoveRules.Target(row.CouncilId, row.GroupId, target).ThrowIfAny();
        CouncilRules.CaseDataWritable((await registry.CouncilAsync(row.CouncilId, ct)).ReadyForNominativeProcessing, row.CouncilId).ThrowIfAny();

        var (person, groups, reps) = await database.ReadAsync(async s =>
        {
            var person = await persons.FindAsync(s, row.SubjectRef) ?? throw new NotFoundException("person", row.SubjectRef);
            return (person, await cases.GroupsOfSubjectAsync(s, row.SubjectRef), PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(s, person) ?? []).LegalRepresentativeRefs);
        }, ct);
        // Consent learns the new group before records commits; the old one stays until nothing holds it.
        await consent.SyncSubjectAsync(row.SubjectRef, person.CouncilId, PersonRules.MinorUntil(person.Turns25On), reps, [.. groups, target.Id], ct);

        var body = Bodies.Of(target.Kind);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await database.WriteOnceAsync(key, MoveCaseResponse.Parser, async w =>
        {
            MoveRules.Moved(await cases.MoveAsync(w, row.Id, row.GroupId, target.Id, (int)body, (int)request.Reason, decision.DecisionId, caller.Subject)).ThrowIfAny();
            var revision = await w.AppendChangeAsync("case", row.Id, new V1.Case { Id = row.Id, CouncilId = row.CouncilId, GroupId = target.Id });
            var moved = new CaseRow
            {
                Id = row.Id, CaseCode = row.CaseCode, SubjectRef = row.SubjectRef, CouncilId = row.CouncilId, GroupId = target.Id, StartDate = row.StartDate,
                Status = row.Status, BodyKind = (long)body,
            };
            return new MoveCaseResponse { Case = CaseViews.Pseudonymous(moved, person, today, identity: null), DecisionId = decision.DecisionId, Revision = revision };
        }, ct);
    }
}
