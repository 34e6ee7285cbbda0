using System.Data.Common;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.ChangeFeed;
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
        if (!caller.IsService && !caller.IsBootstrapAdmin && !string.Equals(caller.Subject, request.Subject, StringComparison.Ordinal))
        {
            throw new PermissionDeniedException("REG-7", "a participant may list only their own designations here");
        }

        var at = ProtoConvert.InstantOr(request.At, "at", time.GetUtcNow());
        return await database.ReadConnectionAsync(async c =>
        {
            var ct = context.CancellationToken;
            var revision = await ChangeLog.CurrentRevisionAsync(c, ct);
            var response = new ListSubjectDesignationsResponse { Revision = revision };
            var participant = await participants.FindBySubjectAsync(c, request.Subject, ct);
            if (participant is not null)
            {
                response.Participant = participant.ToProto();
                response.Designations.Add(await WithCharterAsync(c, await designations.ValidForParticipantAsync(c, participant.Id, at, ct), at, ct));
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
        return await database.ReadConnectionAsync(async c =>
        {
            var ct = context.CancellationToken;
            var revision = await ChangeLog.CurrentRevisionAsync(c, ct);
            var participant = await participants.FindParticipantAsync(c, null, request.ParticipantId, ct);

            // Administrators, services and the participant see everything; a coordinator sees their councils only,
            // and of a participant never designated there learns nothing, not even whether they exist.
            HashSet<string>? councilsSeen = null;
            if (!caller.IsService && !caller.IsBootstrapAdmin && participant?.Subjects.Contains(caller.Subject) != true)
            {
                councilsSeen = [.. await designations.CoordinatedCouncilsAsync(c, null, caller.Subject, now, ct)];
                if (councilsSeen.Count == 0 || participant is null ||
                    !(await designations.HistoryForParticipantAsync(c, participant.Id, ct)).Any(r => councilsSeen.Contains(r.CouncilId)))
                {
                    throw new PermissionDeniedException("REG-7", "only the participant, the coordinators of their councils and administrators list their designations");
                }
            }

            if (participant is null)
            {
                throw new NotFoundException("participant", request.ParticipantId);
            }

            var rows = request.IncludeHistory
                ? await designations.HistoryForParticipantAsync(c, participant.Id, ct)
                : await designations.ValidForParticipantAsync(c, participant.Id, at, ct);
            var visible = rows.Where(r => councilsSeen is null || councilsSeen.Contains(r.CouncilId));
            var response = new ListParticipantDesignationsResponse { Participant = participant.ToProto(), Revision = revision };
            response.Designations.Add(await WithCharterAsync(c, visible, request.IncludeHistory ? now : at, ct));
            return response;
        }, context.CancellationToken);
    }

    public override async Task<ListGroupParticipantsResponse> ListGroupParticipants(ListGroupParticipantsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var now = time.GetUtcNow();
        var at = ProtoConvert.InstantOr(request.At, "at", now);
        return await database.ReadConnectionAsync(async c =>
        {
            var ct = context.CancellationToken;
            var revision = await ChangeLog.CurrentRevisionAsync(c, ct);
            var group = await councils.FindGroupAsync(c, null, request.GroupId, ct) ?? throw new NotFoundException("group", request.GroupId);
            await permissions.RequireGroupReaderAsync(c, caller, group, now, ct);
            var rows = await designations.GroupParticipantsAsync(c, group.Id, at, ct);
            return new ListGroupParticipantsResponse { Group = group.ToProto(), Participants = { rows.Select(r => r.ToProto()) }, Revision = revision };
        }, context.CancellationToken);
    }

    /// <summary>Designations of one participant with the charter facts of each council at an instant.</summary>
    private async Task<List<Designation>> WithCharterAsync(DbConnection connection, IEnumerable<DesignationRow> rows, DateTimeOffset at, CancellationToken ct)
    {
        var states = new Dictionary<string, CharterState>(StringComparer.Ordinal);
        var result = new List<Designation>();
        foreach (var row in rows)
        {
            if (!states.TryGetValue(row.CouncilId, out var state))
            {
                state = await charters.StateAsync(connection, null, row.CouncilId, row.InstitutionId, row.ParticipantId, at, ct);
                states[row.CouncilId] = state;
            }

            result.Add(row.ToProto(state));
        }

        return result;
    }
}
