using System.Text;
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

/// <summary>REC-9: a meeting's agenda and working sheets, purged after the meeting; decisions per case stay.</summary>
public sealed class MeetingApi(
    Database database, CaseGate gate, MeetingStore meetings, CaseStore cases, PersonStore persons, RegistryPeer registry, AccessPeer access, CallerResolver callers,
    TimeProvider time)
    : MeetingService.MeetingServiceBase
{
    public override async Task<AddToAgendaResponse> AddToAgenda(AddToAgendaRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("meeting_id", request.MeetingId, 64).Required("group_id", request.GroupId, 64)
            .Required("case_id", request.CaseId, 64).MaxLength("sheet", request.Sheet, CaseRules.ElementsMaxLength).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (meeting, date) = await OpenMeetingAsync(request.GroupId, request.MeetingId, ct);
        MeetingRules.AgendaChanges(date, Today()).ThrowIfAny();
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        MeetingRules.SameGroup(row.GroupId, meeting.GroupId).ThrowIfAny();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, AddToAgendaResponse.Parser, async w =>
        {
            var sheet = request.Sheet.Length == 0 ? null
                : await persons.SealForAsync(w, row.SubjectRef, $"sheet:{meeting.Id}:{row.Id}", Encoding.UTF8.GetBytes(request.Sheet));
            return new AddToAgendaResponse { AgendaSize = await meetings.PutAsync(w, meeting.Id, row.Id, meeting.GroupId, date, sheet, caller.Subject) };
        }, ct);
    }

    public override async Task<RecordMeetingDecisionResponse> RecordMeetingDecision(RecordMeetingDecisionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("meeting_id", request.MeetingId, 64).Required("group_id", request.GroupId, 64)
            .Required("case_id", request.CaseId, 64).Known("decision", request.Decision).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (meeting, date) = await OpenMeetingAsync(request.GroupId, request.MeetingId, ct);
        MeetingRules.DecisionDay(date, Today()).ThrowIfAny();
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        MeetingRules.OnAgenda(await database.ReadAsync(s => meetings.IsOnAgendaAsync(s, meeting.Id, row.Id), ct)).ThrowIfAny();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, RecordMeetingDecisionResponse.Parser, async w =>
            new RecordMeetingDecisionResponse { DecisionId = await meetings.RecordDecisionAsync(w, meeting.Id, row.Id, (int)request.Decision, caller.Subject) }, ct);
    }

    public override async Task<CloseMeetingResponse> CloseMeeting(CloseMeetingRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("meeting_id", request.MeetingId, 64).Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (meeting, date) = await OpenMeetingAsync(request.GroupId, request.MeetingId, ct);
        MeetingRules.ClosingDay(date, Today()).ThrowIfAny();

        // REC-9, ACC-4: purging a case's working sheet is an access decision, audited once per case
        // on the agenda (ACCESS_ACTION_CLOSE_MEETING, the meeting id as justification). An empty
        // agenda touches no case: then being designated in the council is enough.
        var onAgenda = await database.ReadAsync(async s =>
        {
            var rows = new List<CaseRow>();
            foreach (var caseId in await meetings.CasesOnAgendaAsync(s, meeting.Id))
            {
                rows.Add(await cases.FindAsync(s, caseId) ?? throw new NotFoundException("case", caseId));
            }

            return rows;
        }, ct);
        if (onAgenda.Count > 0)
        {
            var checks = new List<CheckRequest>(onAgenda.Count);
            foreach (var row in onAgenda)
            {
                checks.Add(new CheckRequest
                {
                    Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.CloseMeeting, View = View.Pseudonymous, Resource = await gate.ResourceAsync(row, ct), Justification = meeting.Id,
                });
            }

            await access.RequireAllAllowedAsync(checks, ct);
        }
        else
        {
            var adminOrService = caller.IsBootstrapAdmin || caller.IsService;
            CallerRules.ClosesMeeting(adminOrService, !adminOrService && CallerRules.ActsFor(caller.Councils, meeting.CouncilId) && await registry.IsDesignatedInCouncilAsync(caller.Subject, meeting.CouncilId, ct)).ThrowIfDenied();
        }

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CloseMeetingResponse.Parser, async w =>
        {
            var (purged, kept) = await meetings.CloseAsync(w, meeting.Id, caller.Subject);
            return new CloseMeetingResponse { AgendaItemsPurged = purged, DecisionsKept = kept };
        }, ct);
    }

    private async Task<(Registry.V1.Meeting Meeting, DateOnly Date)> OpenMeetingAsync(string groupId, string meetingId, CancellationToken ct)
    {
        var meeting = await registry.MeetingAsync(groupId, meetingId, ct);
        MeetingRules.Open(await database.ReadAsync(s => meetings.IsClosedAsync(s, meeting.Id), ct)).ThrowIfAny();
        return (meeting, new DateOnly(meeting.Date.Year, meeting.Date.Month, meeting.Date.Day));
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
