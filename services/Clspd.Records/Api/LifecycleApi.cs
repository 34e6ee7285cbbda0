using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Lifecycle;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Api;

/// <summary>ACTIVE → ARCHIVED → DESTROYED (REC-4, REC-7).</summary>
public sealed class LifecycleApi(
    Database database, CaseGate gate, CaseStore cases, PersonStore persons, CaseViews views, LifecycleStore lifecycle, LifecycleRunner runner, ErasureOutbox erasures,
    AccessPeer access, CallerResolver callers, IOptions<RecordsOptions> options, TimeProvider time)
    : LifecycleService.LifecycleServiceBase
{
    public override async Task<CloseCaseResponse> CloseCase(CloseCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).ThrowIfInvalid();
        var end = ProtoConvert.RequiredDate(request.EndDate, "end_date");
        var ct = context.CancellationToken;
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (CaseRules.EndDate(row.StartDate, end, today) is { } wrongEnd)
        {
            throw new InvalidRequestException(wrongEnd.Subject, wrongEnd.ToString());
        }

        var person = await database.ReadAsync(s => persons.FindAsync(s, row.SubjectRef), ct) ?? throw new NotFoundException("person", row.SubjectRef);
        var destroyOn = CaseRules.DestroyOn(end, options.Value.ArchiveMonths, person.Turns25On);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, CloseCaseResponse.Parser, async w =>
        {
            CaseRules.Closed(await cases.CloseAsync(w, row.Id, end, destroyOn, caller.Subject)).ThrowIfAny();

            await w.AppendChangeAsync("case", row.Id, new V1.Case { Id = row.Id, CouncilId = row.CouncilId, GroupId = row.GroupId, Status = CaseStatus.Archived });
            var closed = new CaseRow
            {
                Id = row.Id, CaseCode = row.CaseCode, SubjectRef = row.SubjectRef, CouncilId = row.CouncilId, GroupId = row.GroupId, StartDate = row.StartDate,
                Status = CaseRow.Archived, EndDate = end, DestroyOn = destroyOn,
            };
            return new CloseCaseResponse { Case = CaseViews.Pseudonymous(closed, person, today, identity: null) };
        }, ct);
    }

    public override async Task<OpenArchivedCaseResponse> OpenArchivedCase(OpenArchivedCaseRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("case_id", request.CaseId, 64).Known("reason", request.Reason).ThrowIfInvalid();
        var ct = context.CancellationToken;
        // Access decides first, with no connection held across the call: a caller it keeps from the case
        // gets the answer an unknown id gets (ACC-1); only then does the coordinator learn the case is not archived.
        var (row, resource) = await gate.SeenAsync(request.CaseId, ct);
        var decision = await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.OpenArchivedCase, View = View.Named, Resource = resource, Justification = request.Reason.ToString(),
        }, ct);
        if (row.Status != CaseRow.Archived)
        {
            throw new NotFoundException("archived case", request.CaseId);
        }

        return await database.ReadAsync(async s =>
        {
            var person = await persons.FindAsync(s, row.SubjectRef) ?? throw new NotFoundException("person", row.SubjectRef);
            Identity? identity = null;
            if (decision.View == View.Named)
            {
                var bytes = await persons.OpenIdentityAsync(s, person);
                identity = bytes is null ? null : CaseViews.IdentityOf(bytes);
            }

            var view = await views.ViewAsync(s, row, person, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), identity);
            return new OpenArchivedCaseResponse { Case = view, DecisionId = decision.DecisionId };
        }, ct);
    }

    public override async Task<RunLifecycleResponse> RunLifecycle(RunLifecycleRequest request, ServerCallContext context)
    {
        RequireOperator(callers.Resolve(context));
        new RequestValidator()
            .When(request.BatchSize is < 0 or > 5000, "batch_size", "must be 1..5000 (0 for the default)")
            .When(request.MaxCases is < 0 or > 100_000, "max_cases", "must be 1..100000 (0 for no bound)")
            .ThrowIfInvalid();
        var totals = await runner.RunAsync(request.BatchSize == 0 ? options.Value.DestroyBatchSize : request.BatchSize, request.MaxCases, context.CancellationToken);
        if (totals.PersonsDestroyed > 0)
        {
            // REC-7: consent erases them too; what it does not acknowledge now stays queued and is tried again.
            await erasures.DeliverAsync(context.CancellationToken);
        }

        return new RunLifecycleResponse
        {
            ClosedAt25 = totals.ClosedAt25, CasesDestroyed = totals.CasesDestroyed, PersonsDestroyed = totals.PersonsDestroyed,
            AgendaItemsPurged = totals.AgendaItemsPurged, RemainingDue = totals.RemainingDue,
        };
    }

    public override async Task<ListDeletionLogResponse> ListDeletionLog(ListDeletionLogRequest request, ServerCallContext context)
    {
        RequireOperator(callers.Resolve(context));
        new RequestValidator().When(request.PageSize is < 0 or > 1000, "page_size", "must be 1..1000 (0 for 100)").ThrowIfInvalid();
        var ct = context.CancellationToken;
        var rows = await database.ReadAsync(s => lifecycle.DeletionLogAsync(s, request.PageSize == 0 ? 100 : request.PageSize), ct);
        return new ListDeletionLogResponse
        {
            Entries =
            {
                rows.Select(r => new DeletionLogEntry
                {
                    Id = r.Id, DestroyedAt = r.DestroyedAt.ToTimestamp(), CouncilId = r.CouncilId, Kind = r.Kind, Reason = r.Reason, Count = (int)r.Count,
                }),
            },
        };
    }

    private static void RequireOperator(Caller caller) => CallerRules.RunsLifecycle(caller.IsBootstrapAdmin || caller.IsService).ThrowIfDenied();
}
