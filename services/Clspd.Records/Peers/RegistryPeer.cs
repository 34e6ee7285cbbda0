using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Records.Peers;

/// <summary>What records asks the registry: councils, groups, meetings, designations and figures.</summary>
public sealed class RegistryPeer(RegistryService.RegistryServiceClient registry, PeerCall call)
{
    public async Task<Group> GroupAsync(string groupId, CancellationToken ct) =>
        (await call.AskAsync("registry", deadline => registry.GetGroupAsync(new GetGroupRequest { GroupId = groupId }, deadline: deadline, cancellationToken: ct),
            PeerCall.NotFound("group", groupId))).Group;

    /// <summary>A meeting of a group, from the registry (REC-9).</summary>
    public async Task<Meeting> MeetingAsync(string groupId, string meetingId, CancellationToken ct)
    {
        var reply = await call.AskAsync("registry", deadline => registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = groupId }, deadline: deadline, cancellationToken: ct),
            PeerCall.NotFound("group", groupId));
        return reply.Meetings.FirstOrDefault(m => m.Id == meetingId) ?? throw new NotFoundException("meeting", meetingId);
    }

    public async Task<Council> CouncilAsync(string councilId, CancellationToken ct) =>
        (await call.AskAsync("registry", deadline => registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = councilId }, deadline: deadline, cancellationToken: ct),
            PeerCall.NotFound("council", councilId))).Council;

    /// <summary>Whether a token subject holds a designation in force in a council now.</summary>
    public async Task<bool> IsDesignatedInCouncilAsync(string subject, string councilId, CancellationToken ct)
    {
        var reply = await call.AskAsync("registry", deadline => registry.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = subject }, deadline: deadline, cancellationToken: ct));
        return reply.Designations.Any(d => d.CouncilId == councilId);
    }

    /// <summary>A token subject's participant (unset when unknown) and designations in force now.</summary>
    public Task<ListSubjectDesignationsResponse> DesignationsAsync(string subject, CancellationToken ct) =>
        call.AskAsync("registry", deadline => registry.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = subject }, deadline: deadline, cancellationToken: ct));

    /// <summary>Whether a token subject holds a COORDINATOR designation in force in a council now.</summary>
    public async Task<bool> IsCoordinatorOfCouncilAsync(string subject, string councilId, CancellationToken ct)
    {
        var reply = await call.AskAsync("registry", deadline => registry.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = subject }, deadline: deadline, cancellationToken: ct));
        return reply.Designations.Any(d => d.CouncilId == councilId && d.Role == Role.Coordinator);
    }

    /// <summary>REC-11: the registry's raw figures of a council for a period (composition, charter application).</summary>
    public Task<GetCouncilFiguresResponse> CouncilFiguresAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        call.AskAsync("registry", deadline => registry.GetCouncilFiguresAsync(
            new GetCouncilFiguresRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));
}
