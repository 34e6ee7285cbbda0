using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>REC-8: which body holds a case, and the coordinator's move of a case to another body.</summary>
public sealed class BodyApi(Database database, CaseGate gate, CaseStore cases, PersonStore persons, Peers peers, CallerResolver callers, TimeProvider time)
    : BodyService.BodyServiceBase
{
    public override async Task<MoveCaseResponse> MoveCase(MoveCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64)
            .Required("target_group_id", request.TargetGroupId, 64).Known("reason", request.Reason).ThrowIfInvalid();
        var ct = context.CancellationToken;
        // Access decides first, on the case as it is: a caller it keeps from the case gets the answer an unknown id gets (ACC-1).
        var row = await database.ReadConnectionAsync(c => cases.FindAsync(c, request.CaseId, ct), ct) ?? throw Unseen.Denial();
        var decision = await peers.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, Action = AccessAction.MoveCase, View = View.Pseudonymous, Resource = await gate.ResourceAsync(row, ct),
            Justification = request.Reason.ToString(),
        }, ct);
        if (row.Status != CaseRow.Active)
        {
            throw new RuleViolationException("REC-7", "the case is archived: it no longer moves", "case_id");
        }

        var target = await peers.GroupAsync(request.TargetGroupId, ct);
        if (target.CouncilId != row.CouncilId)
        {
            throw new RuleViolationException("REC-8", "a case moves only to another body of its own council", "target_group_id");
        }

        if (!target.MayHoldCases || target.ClosedAt is not null)
        {
            throw new RuleViolationException("REC-8", "the target body does not hold cases (plenary or restricted formation, or closed)", "target_group_id");
        }

        if (target.Id == row.GroupId)
        {
            throw new RuleViolationException("REC-8", "the case is already held by this body", "target_group_id");
        }

        if (!(await peers.CouncilAsync(row.CouncilId, ct)).ReadyForNominativeProcessing)
        {
            throw new RuleViolationException("REG-1", "the council has not named its controller and coordinator: no case data may be written", row.CouncilId);
        }

        var person = await database.ReadConnectionAsync(c => persons.FindAsync(c, null, row.SubjectRef, ct), ct) ?? throw new NotFoundException("person", row.SubjectRef);
        var (groups, reps) = await database.ReadConnectionAsync(async c => (await cases.GroupsOfSubjectAsync(c, row.SubjectRef, ct),
            PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(c, person, ct) ?? []).LegalRepresentativeRefs), ct);
        // Consent learns the new group before records commits; the old one stays until nothing holds it.
        await peers.SyncSubjectAsync(row.SubjectRef, person.CouncilId, person.Turns25On.AddYears(PersonRules.MajorityAge - PersonRules.AgeLimit), reps, [.. groups, target.Id], ct);

        var body = Bodies.Of(target.Kind);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await database.WriteOnceAsync(key, MoveCaseResponse.Parser, async w =>
        {
            if (!await cases.MoveAsync(w, row.Id, row.GroupId, target.Id, (int)body, (int)request.Reason, decision.DecisionId, caller.Subject))
            {
                throw new RuleViolationException("REC-8", "the case changed while it was being moved (archived or moved meanwhile); read it again", "case_id");
            }

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
