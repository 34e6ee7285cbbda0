using Clspd.Registry.Authorization;
using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>
/// gRPC surface of <c>RegistryService</c>: read caller, validate, one transaction, map back. One
/// class, one file per area: councils, bodies and meetings, institutions and participants,
/// designations, queries; the change feed is here.
/// </summary>
public sealed partial class RegistryApi(
    Database database, CouncilStore councils, ParticipantStore participants, DesignationStore designations,
    MeetingStore meetings, CharterStore charters, FiguresStore figures, StandingReader standings,
    CallerResolver callers, ChangeFollower feed, TimeProvider time) : RegistryService.RegistryServiceBase
{
    public override async Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context)
    {
        callers.RequireService(context);
        new RequestValidator().When(request.FromRevision < 0, "from_revision", "must be zero or positive").ThrowIfInvalid();
        await foreach (var change in feed.FollowAsync(request.FromRevision, context.CancellationToken))
        {
            await responseStream.WriteAsync(ToWatchResponse(change), context.CancellationToken);
        }
    }

    internal static WatchResponse ToWatchResponse(ChangeRecord change)
    {
        var response = new WatchResponse { Revision = change.Revision, RecordedAt = change.RecordedAt.ToTimestamp() };
        switch (change.Kind)
        {
            case ChangeKinds.Council: response.Council = Council.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Group: response.Group = Group.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Institution: response.Institution = Institution.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Participant: response.Participant = Participant.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Designation: response.Designation = Designation.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Meeting: response.Meeting = Meeting.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.CouncilOfficer: response.CouncilOfficerChange = CouncilOfficerChange.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.CharterVersion: response.CharterVersion = CharterVersion.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.CharterSignature: response.CharterSignature = CharterSignature.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.CharterAcceptance: response.CharterAcceptance = CharterAcceptance.Parser.ParseFrom(change.Payload); break;
            case ChangeKinds.Breach: response.ConfidentialityBreach = ConfidentialityBreach.Parser.ParseFrom(change.Payload); break;
            default: break;
        }

        return response;
    }

    /// <summary>A designation as it stands in the transaction, with the council's charter facts at the write instant.</summary>
    private async Task<Designation> DesignationNowAsync(StoreSession w, string id)
    {
        var row = await designations.FindAsync(w, id)
            ?? throw new InvalidOperationException($"designation {id} vanished inside its transaction");
        var charter = await charters.StateAsync(w, row.CouncilId, row.InstitutionId, row.ParticipantId, w.Now);
        return row.ToProto(charter);
    }

    /// <summary>Ends designations at the write instant and appends one change per designation; returns them and the last revision.</summary>
    private async Task<(List<Designation> Ended, long Revision)> EndDesignationsAsync(StoreSession w, IEnumerable<string> ids, string reason, string by, string? breachId)
    {
        var ended = new List<Designation>();
        var revision = 0L;
        foreach (var id in ids)
        {
            if (await designations.RevokeAsync(w, id, reason, by, breachId))
            {
                var designation = await DesignationNowAsync(w, id);
                revision = await w.AppendChangeAsync(ChangeKinds.Designation, id, designation);
                ended.Add(designation);
            }
        }

        return (ended, revision);
    }

    private static string NewId(StoreSession w) => Guid.CreateVersion7(w.Now).ToString();

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "…";

    /// <summary>An id named in a request that refers to nothing: InvalidArgument naming the field.</summary>
    private static T Ref<T>(T? row, string field, string what)
        where T : class =>
        row ?? throw new InvalidRequestException(field, $"names no {what}");
}
