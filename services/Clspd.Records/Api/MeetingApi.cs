using System.Text;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>REC-9: a meeting's agenda and working sheets, purged after the meeting; decisions per case stay.</summary>
public sealed class MeetingApi(Database database, CaseGate gate, MeetingStore meetings, CaseStore cases, PersonStore persons, Peers peers, CallerResolver callers, TimeProvider time)
    : MeetingService.MeetingServiceBase
{
    public override async Task<AddToAgendaResponse> AddToAgenda(AddToAgendaRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("meeting_id", request.MeetingId, 64).Required("group_id", request.GroupId, 64)
            .Required("case_id", request.CaseId, 64).MaxLength("sheet", request.Sheet, CaseRules.ElementsMaxLength).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (meeting, date) = await OpenMeetingAsync(request.GroupId, request.MeetingId, ct);
        if (Today() > date)
        {
            throw new RuleViolationException("REC-9", "the meeting is over: its agenda no longer changes", "meeting_id");
        }

        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        if (row.GroupId != meeting.GroupId)
        {
            throw new RuleViolationException("REC-9", "a case goes only on the agenda of its own group's meetings", "case_id");
        }

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
        if (Today() < date)
        {
            throw new RuleViolationException("REC-9", "decisions are recorded on or after the meeting day", "meeting_id");
        }

        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        if (!await database.ReadConnectionAsync(c => meetings.IsOnAgendaAsync(c, meeting.Id, row.Id, ct), ct))
        {
            throw new RuleViolationException("REC-9", "the case was not on the meeting's agenda", "case_id");
        }

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
        if (Today() < date)
        {
            throw new RuleViolationException("REC-9", "a meeting is closed on or after its day", "meeting_id");
        }

        // REC-9, ACC-4: purging a case's working sheet is an access decision, audited once per case
        // on the agenda (ACCESS_ACTION_CLOSE_MEETING, the meeting id as justification). An empty
        // agenda touches no case: then being designated in the council is enough.
        var onAgenda = await database.ReadConnectionAsync(async c =>
        {
            var rows = new List<CaseRow>();
            foreach (var caseId in await meetings.CasesOnAgendaAsync(c, meeting.Id, ct))
            {
                rows.Add(await cases.FindAsync(c, caseId, ct) ?? throw new NotFoundException("case", caseId));
            }

            return rows;
        }, ct);
        if (onAgenda.Count > 0)
        {
            var checks = new List<Access.V1.CheckRequest>(onAgenda.Count);
            foreach (var row in onAgenda)
            {
                checks.Add(new Access.V1.CheckRequest
                {
                    Principal = caller.Subject, Action = Access.V1.AccessAction.CloseMeeting, View = Access.V1.View.Pseudonymous,
                    Resource = await gate.ResourceAsync(row, ct), Justification = meeting.Id,
                });
            }

            await peers.RequireAllAllowedAsync(checks, ct);
        }
        else if (!caller.IsBootstrapAdmin && !caller.IsService && !await peers.IsDesignatedInCouncilAsync(caller.Subject, meeting.CouncilId, ct))
        {
            throw new PermissionDeniedException("ACC-1", "only participants designated in this council may close its meetings");
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
        var meeting = await peers.MeetingAsync(groupId, meetingId, ct);
        if (await database.ReadConnectionAsync(c => meetings.IsClosedAsync(c, null, meeting.Id, ct), ct))
        {
            throw new RuleViolationException("REC-9", "the meeting is closed: its agenda and sheets were purged, only the decisions stay", "meeting_id");
        }

        return (meeting, new DateOnly(meeting.Date.Year, meeting.Date.Month, meeting.Date.Day));
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
