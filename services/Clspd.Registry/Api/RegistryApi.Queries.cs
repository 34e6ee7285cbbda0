using Clspd.Registry.Authorization;
using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>Who is designated where, when (REG-7), with the charter facts access decides on (REG-3).</summary>
public sealed partial class RegistryApi
{
    public override async Task<ListSubjectDesignationsResponse> ListSubjectDesignations(ListSubjectDesignationsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject", request.Subject, 200).ThrowIfInvalid();
        RegistryPermissions.ListSubjectDesignations(StandingReader.Of(caller) with { IsTheParticipant = string.Equals(caller.Subject, request.Subject, StringComparison.Ordinal) })
            .ThrowIfDenied();

        var at = ProtoConvert.InstantOr(request.At, "at", time.GetUtcNow());
        return await database.ReadAsync(async s =>
        {
            var revision = await ChangeLog.CurrentRevisionAsync(s);
            var response = new ListSubjectDesignationsResponse { Revision = revision };
            var participant = await participants.FindBySubjectAsync(s, request.Subject);
            if (participant is not null)
            {
                response.Participant = participant.ToProto();
                response.Designations.Add(await WithCharterAsync(s, await designations.ValidForParticipantAsync(s, participant.Id, at), at));
            }

            return response;
        }, context.CancellationToken);
    }

    public override async Task<ListParticipantDesignationsResponse> ListParticipantDesignations(ListParticipantDesignationsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("participant_id", request.ParticipantId, 64).ThrowIfInvalid();
        var now = time.GetUtcNow();
        var at = ProtoConvert.InstantOr(request.At, "at", now);
        return await database.ReadAsync(async s =>
        {
            var revision = await ChangeLog.CurrentRevisionAsync(s);
            var participant = await participants.FindParticipantAsync(s, request.ParticipantId);

            // Administrators, services and the participant see everything; a coordinator sees their councils only,
            // and of a participant never designated there learns nothing, not even whether they exist.
            HashSet<string>? councilsSeen = null;
            if (!RegistryPermissions.SeesAllDesignations(StandingReader.Of(caller) with { IsTheParticipant = participant?.Subjects.Contains(caller.Subject) == true }))
            {
                councilsSeen = [.. await standings.CoordinatedCouncilsAsync(s, caller, now)];
                var participantCouncils = councilsSeen.Count == 0 || participant is null
                    ? null
                    : (await designations.HistoryForParticipantAsync(s, participant.Id)).Select(r => r.CouncilId);
                RegistryPermissions.ListParticipantDesignations(councilsSeen, participantCouncils).ThrowIfDenied();
            }

            if (participant is null)
            {
                throw new NotFoundException("participant", request.ParticipantId);
            }

            var rows = request.IncludeHistory
                ? await designations.HistoryForParticipantAsync(s, participant.Id)
                : await designations.ValidForParticipantAsync(s, participant.Id, at);
            var visible = rows.Where(r => councilsSeen is null || councilsSeen.Contains(r.CouncilId));
            var response = new ListParticipantDesignationsResponse { Participant = participant.ToProto(), Revision = revision };
            response.Designations.Add(await WithCharterAsync(s, visible, request.IncludeHistory ? now : at));
            return response;
        }, context.CancellationToken);
    }

    public override async Task<ListGroupParticipantsResponse> ListGroupParticipants(ListGroupParticipantsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var now = time.GetUtcNow();
        var at = ProtoConvert.InstantOr(request.At, "at", now);
        return await database.ReadAsync(async s =>
        {
            var revision = await ChangeLog.CurrentRevisionAsync(s);
            var group = await councils.FindGroupAsync(s, request.GroupId) ?? throw new NotFoundException("group", request.GroupId);
            RegistryPermissions.ReadGroup(await standings.InGroupAsync(s, caller, group)).ThrowIfDenied();
            var rows = await designations.GroupParticipantsAsync(s, group.Id, at);
            return new ListGroupParticipantsResponse { Group = group.ToProto(), Participants = { rows.Select(r => r.ToProto()) }, Revision = revision };
        }, context.CancellationToken);
    }

    /// <summary>Designations of one participant with the charter facts of each council at an instant.</summary>
    private async Task<List<Designation>> WithCharterAsync(StoreSession s, IEnumerable<DesignationRow> rows, DateTimeOffset at)
    {
        var states = new Dictionary<string, CharterState>(StringComparer.Ordinal);
        var result = new List<Designation>();
        foreach (var row in rows)
        {
            if (!states.TryGetValue(row.CouncilId, out var state))
            {
                state = await charters.StateAsync(s, row.CouncilId, row.InstitutionId, row.ParticipantId, at);
                states[row.CouncilId] = state;
            }

            result.Add(row.ToProto(state));
        }

        return result;
    }
}
