using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>
/// Actions, judicial measures (REC-3) and information items (REC-5) of an active case. Adding an
/// action and recording its result are programme actions (ACC-3: PROGRAMME_ENROLMENT consent);
/// judicial measures and items are not (a court orders the one, the group shares the other).
/// </summary>
public sealed class CaseItemApi(Database database, CaseGate gate, FollowUpStore followUps, CallerResolver callers, TimeProvider time)
    : CaseItemService.CaseItemServiceBase
{
    public override async Task<AddActionResponse> AddAction(AddActionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).Known("kind", request.Kind)
            .When(!Enum.IsDefined(request.Result), "result", "unknown value")
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive").ThrowIfInvalid();
        var start = ProtoConvert.RequiredDate(request.StartDate, "start_date");
        DateOnly? end = request.EndDate is null ? null : ProtoConvert.RequiredDate(request.EndDate, "end_date");
        if (FollowUpRules.ActionDates(start, end) is { } backwards)
        {
            throw new InvalidRequestException(backwards.Subject, backwards.ToString());
        }

        var ct = context.CancellationToken;
        var row = await RequireFollowUpAsync(caller, request.CaseId, request.MinConsentRevision, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, AddActionResponse.Parser, async w =>
        {
            var id = Guid.CreateVersion7(w.Now).ToString();
            await followUps.InsertActionAsync(w, new ActionRow
            {
                Id = id, CaseId = row.Id, Kind = (int)request.Kind, StartDate = start, EndDate = end,
                Result = (int)(request.Result == ActionResult.Unspecified ? ActionResult.Ongoing : request.Result), RecordedAt = w.Now, RecordedBy = caller.Subject,
            });
            return new AddActionResponse { ActionId = id };
        }, ct);
    }

    public override async Task<CompleteActionResponse> CompleteAction(CompleteActionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).Required("action_id", request.ActionId, 64)
            .Known("result", request.Result).When(request.Result == ActionResult.Ongoing, "result", "a completed action has a final result")
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive").ThrowIfInvalid();
        var end = ProtoConvert.RequiredDate(request.EndDate, "end_date");
        var ct = context.CancellationToken;
        var row = await RequireFollowUpAsync(caller, request.CaseId, request.MinConsentRevision, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, CompleteActionResponse.Parser, async w =>
        {
            var action = await followUps.ActionAsync(w, row.Id, request.ActionId) ?? throw new NotFoundException("action", request.ActionId);
            if (FollowUpRules.ActionDates(action.StartDate, end) is { } backwards)
            {
                throw new InvalidRequestException(backwards.Subject, backwards.ToString());
            }

            await followUps.CompleteActionAsync(w, row.Id, action.Id, end, (int)request.Result);
            return new CompleteActionResponse();
        }, ct);
    }

    public override async Task<AddJudicialMeasureResponse> AddJudicialMeasure(AddJudicialMeasureRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var necessity = FollowUpRules.Necessity(request.Necessity);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).Known("kind", request.Kind)
            .When(necessity is not null, necessity?.Subject ?? "", necessity?.ToString() ?? "").ThrowIfInvalid();
        var start = ProtoConvert.RequiredDate(request.StartDate, "start_date");
        var ct = context.CancellationToken;
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, AddJudicialMeasureResponse.Parser, async w =>
        {
            var id = "M-" + Guid.CreateVersion7(w.Now).ToString("N");
            await followUps.InsertMeasureAsync(w, new MeasureRow
            {
                Id = id, CaseId = row.Id, Kind = (int)request.Kind, Necessity = (int)request.Necessity, StartDate = start, RecordedAt = w.Now, RecordedBy = caller.Subject,
            });
            return new AddJudicialMeasureResponse { MeasureRef = id };
        }, ct);
    }

    public override async Task<AddInformationItemResponse> AddInformationItem(AddInformationItemRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).Known("category", request.Category).ThrowIfInvalid();
        var observedOn = ProtoConvert.DateOr(request.ObservedOn, "observed_on", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        FollowUpRules.Item(request.Classification, request.AuthorAttestsNotSecret).ThrowIfAny();

        var ct = context.CancellationToken;
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, AddInformationItemResponse.Parser, async w =>
        {
            var id = Guid.CreateVersion7(w.Now).ToString();
            await followUps.InsertItemAsync(w, new ItemRow
            {
                Id = id, CaseId = row.Id, Category = (int)request.Category, Classification = (int)request.Classification, ObservedOn = observedOn,
                Author = caller.Subject, AttestedAt = w.Now,
            });
            return new AddInformationItemResponse { ItemId = id };
        }, ct);
    }

    private async Task<CaseRow> RequireFollowUpAsync(Caller caller, string caseId, long minConsentRevision, CancellationToken ct)
    {
        var row = await gate.ForWriteAsync(caller, caseId, ct, AccessAction.ProgrammeAction, minConsentRevision);
        FollowUpRules.Started(await database.ReadAsync(s => followUps.FollowUpAsync(s, row.Id), ct) is not null).ThrowIfAny();

        return row;
    }
}
