using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>Bodies of a council (REG-2) and their meetings.</summary>
public sealed partial class RegistryApi
{
    public override async Task<CreateGroupResponse> CreateGroup(CreateGroupRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64)
            .Required("name", request.Name).Known("kind", request.Kind).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateGroupResponse.Parser, async w =>
        {
            Ref(await councils.FindCouncilAsync(w, request.CouncilId), "council_id", "council");
            RegistryPermissions.ManageCouncil(RegistryAction.CreateBody, await standings.InCouncilAsync(w, caller, request.CouncilId)).ThrowIfDenied();
            if (await councils.GroupNameTakenAsync(w, request.CouncilId, request.Name.Trim()))
            {
                throw new AlreadyExistsException($"the council already has a body named '{request.Name.Trim()}'");
            }

            var row = new GroupRow { Id = NewId(w), CouncilId = request.CouncilId, Name = request.Name.Trim(), Kind = (int)request.Kind, CreatedAt = w.Now };
            await councils.InsertGroupAsync(w, row);
            var group = row.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.Group, row.Id, group);
            return new CreateGroupResponse { Group = group, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetGroupResponse> GetGroup(GetGroupRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var group = await database.ReadAsync(s => councils.FindGroupAsync(s, request.GroupId), context.CancellationToken)
            ?? throw new NotFoundException("group", request.GroupId);
        return new GetGroupResponse { Group = group.ToProto() };
    }

    public override async Task<CloseGroupResponse> CloseGroup(CloseGroupRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("group_id", request.GroupId, 64).Required("reason", request.Reason, 500).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CloseGroupResponse.Parser, async w =>
        {
            var group = await councils.FindGroupAsync(w, request.GroupId)
                ?? throw new NotFoundException("group", request.GroupId);
            RegistryPermissions.ManageCouncil(RegistryAction.CloseBody, await standings.InCouncilAsync(w, caller, group.CouncilId)).ThrowIfDenied();
            BodyRules.Close(group.Id, group.ClosedAt).ThrowIfAny();
            if (!await councils.CloseGroupAsync(w, group.Id, w.Now, request.Reason.Trim()))
            {
                // Closed by a concurrent request since it was read.
                BodyRules.Close(group.Id, w.Now).ThrowIfAny();
            }

            var open = await designations.OpenOfGroupAsync(w, group.Id, w.Now);
            var (ended, _) = await EndDesignationsAsync(w, open, "group closed: " + request.Reason.Trim(), caller.Subject, breachId: null);
            var closed = (await councils.FindGroupAsync(w, group.Id))!.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.Group, group.Id, closed);
            return new CloseGroupResponse { Group = closed, EndedDesignations = { ended }, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<ScheduleMeetingResponse> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("group_id", request.GroupId, 64).Required("place_label", request.PlaceLabel).ThrowIfInvalid();
        var date = ProtoConvert.RequiredDate(request.Date, "date");

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, ScheduleMeetingResponse.Parser, async w =>
        {
            var group = Ref(await councils.FindGroupAsync(w, request.GroupId), "group_id", "group");
            RegistryPermissions.ManageCouncil(RegistryAction.ScheduleMeeting, await standings.InCouncilAsync(w, caller, group.CouncilId)).ThrowIfDenied();
            BodyRules.TakesMeetings(group.Id, group.ClosedAt).ThrowIfAny();

            if (await meetings.ExistsOnAsync(w, group.Id, date))
            {
                throw new AlreadyExistsException($"the group already meets on {date:yyyy-MM-dd}");
            }

            var row = new MeetingRow
            {
                Id = NewId(w), GroupId = group.Id, CouncilId = group.CouncilId, MeetingDate = date, PlaceLabel = request.PlaceLabel.Trim(),
                CreatedAt = w.Now, CreatedBy = caller.Subject,
            };
            await meetings.InsertAsync(w, row);
            var meeting = row.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.Meeting, row.Id, meeting);
            return new ScheduleMeetingResponse { Meeting = meeting, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        return await database.ReadAsync(async s =>
        {
            var group = await councils.FindGroupAsync(s, request.GroupId) ?? throw new NotFoundException("group", request.GroupId);
            RegistryPermissions.ReadGroup(await standings.InGroupAsync(s, caller, group)).ThrowIfDenied();
            return new ListMeetingsResponse { Meetings = { (await meetings.ForGroupAsync(s, group.Id)).Select(m => m.ToProto()) } };
        }, context.CancellationToken);
    }

    public override async Task<ListMeetingAttendeesResponse> ListMeetingAttendees(ListMeetingAttendeesRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("meeting_id", request.MeetingId, 64).ThrowIfInvalid();
        return await database.ReadAsync(async s =>
        {
            var meeting = await meetings.FindAsync(s, request.MeetingId) ?? throw new NotFoundException("meeting", request.MeetingId);
            var group = (await councils.FindGroupAsync(s, meeting.GroupId))!;
            RegistryPermissions.ReadGroup(await standings.InGroupAsync(s, caller, group)).ThrowIfDenied();
            var attendees = await designations.AttendeesAsync(s, meeting);
            return new ListMeetingAttendeesResponse { Meeting = meeting.ToProto(), Attendees = { attendees.Select(a => a.ToProto()) } };
        }, context.CancellationToken);
    }
}
