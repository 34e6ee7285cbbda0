using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Api;

/// <summary>
/// What records asks the other services: the registry for councils, groups and designations, the
/// access service for every decision. Every call goes through one helper (<see cref="AskAsync{T}"/>):
/// the shared deadline, and any failure to get an answer fails closed with Unavailable naming the
/// service (the access checks keep their own ACC-7 wording; an unknown id stays NotFound).
/// </summary>
public sealed class Peers(
    RegistryService.RegistryServiceClient registry, AccessService.AccessServiceClient access, AuditService.AuditServiceClient audit, IServiceProvider services,
    IOptions<ServiceDefaults.PeerOptions> peers)
{
    // Present only when a consent service is configured (Services:Consent): an organisation may run records without it.
    private readonly SubjectService.SubjectServiceClient? _subjects = services.GetService<SubjectService.SubjectServiceClient>();
    private readonly ConsentService.ConsentServiceClient? _consent = services.GetService<ConsentService.ConsentServiceClient>();

    /// <summary>Whether a consent service is configured (Services:Consent).</summary>
    public bool HasConsent => _consent is not null;

    private TimeSpan Timeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(5));

    public async Task<Group> GroupAsync(string groupId, CancellationToken ct) =>
        (await AskAsync("registry", deadline => registry.GetGroupAsync(new GetGroupRequest { GroupId = groupId }, deadline: deadline, cancellationToken: ct),
            NotFound("group", groupId))).Group;

    /// <summary>A meeting of a group, from the registry (REC-9).</summary>
    public async Task<Meeting> MeetingAsync(string groupId, string meetingId, CancellationToken ct)
    {
        var reply = await AskAsync("registry", deadline => registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = groupId }, deadline: deadline, cancellationToken: ct),
            NotFound("group", groupId));
        return reply.Meetings.FirstOrDefault(m => m.Id == meetingId) ?? throw new NotFoundException("meeting", meetingId);
    }

    public async Task<Council> CouncilAsync(string councilId, CancellationToken ct) =>
        (await AskAsync("registry", deadline => registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = councilId }, deadline: deadline, cancellationToken: ct),
            NotFound("council", councilId))).Council;

    /// <summary>Whether a token subject holds a designation in force in a council now.</summary>
    public async Task<bool> IsDesignatedInCouncilAsync(string subject, string councilId, CancellationToken ct)
    {
        var reply = await AskAsync("registry", deadline => registry.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = subject }, deadline: deadline, cancellationToken: ct));
        return reply.Designations.Any(d => d.CouncilId == councilId);
    }

    /// <summary>Whether a token subject holds a COORDINATOR designation in force in a council now.</summary>
    public async Task<bool> IsCoordinatorOfCouncilAsync(string subject, string councilId, CancellationToken ct)
    {
        var reply = await AskAsync("registry", deadline => registry.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = subject }, deadline: deadline, cancellationToken: ct));
        return reply.Designations.Any(d => d.CouncilId == councilId && d.Role == Role.Coordinator);
    }

    /// <summary>REC-11: the registry's raw figures of a council for a period (composition, charter application).</summary>
    public Task<GetCouncilFiguresResponse> CouncilFiguresAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        AskAsync("registry", deadline => registry.GetCouncilFiguresAsync(
            new GetCouncilFiguresRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));

    /// <summary>REC-11: the access service's raw counts of decisions about the council's cases in a period.</summary>
    public Task<GetAuditStatisticsResponse> AuditStatisticsAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        AskAsync("access", deadline => audit.GetAuditStatisticsAsync(
            new GetAuditStatisticsRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));

    /// <summary>REC-11: the consent service's raw counts of the council's consent decisions in a period; null when no consent service is configured.</summary>
    public async Task<GetConsentStatisticsResponse?> ConsentStatisticsAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        _consent is null
            ? null
            : await AskAsync("consent", deadline => _consent.GetConsentStatisticsAsync(
                new GetConsentStatisticsRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));

    /// <summary>
    /// One call to a peer with the shared deadline. No answer fails closed: with Unavailable naming
    /// the service, unless <paramref name="refusal"/> turns the status into another error (e.g.
    /// NotFound for an unknown id, or the access checks' own ACC-7 wording).
    /// </summary>
    private async Task<T> AskAsync<T>(string service, Func<DateTime, AsyncUnaryCall<T>> call, Func<RpcException, Exception?>? refusal = null)
    {
        try
        {
            return await call(Deadline());
        }
        catch (RpcException ex)
        {
            throw refusal?.Invoke(ex) ?? Unavailable(service, ex);
        }
    }

    // The peer does not know the id: NotFound naming what was asked for; any other failure stays Unavailable.
    private static Func<RpcException, Exception?> NotFound(string kind, string id) =>
        ex => ex.StatusCode == StatusCode.NotFound ? new NotFoundException(kind, id) : null;

    // Fail closed: no answer from access means no data, in the access checks' own words.
    private static Func<RpcException, Exception?> AccessDidNotAnswer(string consequence) =>
        ex => new UnavailableException($"ACC-7: the access service did not answer ({ex.StatusCode}: {ex.Status.Detail}); {consequence}", ex);

    /// <summary>Asks the access service; a deny becomes PermissionDenied with its rules and sentence (ACC-5).</summary>
    public async Task<CheckResponse> RequireAllowedAsync(CheckRequest request, CancellationToken ct)
    {
        var decision = await AskAsync("access", deadline => access.CheckAsync(request, deadline: deadline, cancellationToken: ct),
            AccessDidNotAnswer("no case data is returned"));
        if (decision.Outcome != Outcome.Allow)
        {
            throw new PermissionDeniedException([.. decision.RuleIds], decision.Reason + $" (decision {decision.DecisionId})");
        }

        return decision;
    }

    /// <summary>
    /// Asks the access service for several decisions at once (BatchCheck, 100 per call), each
    /// audited; the first deny becomes PermissionDenied with its rules and sentence (ACC-5).
    /// </summary>
    public async Task<IReadOnlyList<CheckResponse>> RequireAllAllowedAsync(IReadOnlyList<CheckRequest> requests, CancellationToken ct)
    {
        var decisions = new List<CheckResponse>(requests.Count);
        foreach (var chunk in requests.Chunk(100))
        {
            var batch = new BatchCheckRequest
            {
                Items = { chunk.Select((r, i) => new BatchCheckItem { CorrelationId = (decisions.Count + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Check = r }) },
            };
            var reply = await AskAsync("access", deadline => access.BatchCheckAsync(batch, deadline: deadline, cancellationToken: ct), AccessDidNotAnswer("nothing is done"));
            decisions.AddRange(reply.Results.Select(r => r.Decision));
        }

        if (decisions.FirstOrDefault(d => d.Outcome != Outcome.Allow) is { } denied)
        {
            throw new PermissionDeniedException([.. denied.RuleIds], denied.Reason + $" (decision {denied.DecisionId})");
        }

        return decisions;
    }

    /// <summary>
    /// REC-10, ACC-6: every audit entry about a person (who accessed their data), oldest first,
    /// asked with this service's own token. Fails closed: an export without it is not given.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AccessesToAsync(string subjectRef, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        long after = 0;
        do
        {
            var request = new ListAuditEntriesRequest { SubjectRef = subjectRef, PageSize = 1000, AfterSequence = after };
            var page = await AskAsync("access", deadline => audit.ListAuditEntriesAsync(request, deadline: deadline, cancellationToken: ct));
            entries.AddRange(page.Entries);
            after = page.NextAfterSequence;
        }
        while (after != 0);

        return entries;
    }

    /// <summary>
    /// Tells the consent service what it may know of a person: the opaque reference, until when
    /// they are a minor, their legal representatives' opaque references, the groups their cases are in and their council (no names). Called before records
    /// commits, so consent never lags behind a person records has acknowledged.
    /// </summary>
    public async Task SyncSubjectAsync(string subjectRef, string councilId, DateOnly minorUntil, IEnumerable<string> legalRepresentativeRefs, IEnumerable<string> groupIds, CancellationToken ct)
    {
        if (_subjects is null)
        {
            return;
        }

        var request = new PutSubjectRequest
        {
            RequestId = "records-sync-" + Guid.NewGuid().ToString("N"), SubjectRef = subjectRef,
            MinorUntil = new Google.Type.Date { Year = minorUntil.Year, Month = minorUntil.Month, Day = minorUntil.Day },
            LegalRepresentativeRefs = { legalRepresentativeRefs },
            GroupIds = { groupIds.Distinct(StringComparer.Ordinal) },
            CouncilId = councilId,
        };
        await AskAsync("consent", deadline => _subjects.PutSubjectAsync(request, deadline: deadline, cancellationToken: ct));
    }

    private DateTime Deadline() => DateTime.UtcNow + Timeout;

    private static UnavailableException Unavailable(string service, RpcException ex) =>
        new($"the {service} service did not answer ({ex.StatusCode}); retry later", ex);
}
