using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Records.Peers;

/// <summary>
/// What records asks the access service: every decision (a deny becomes PermissionDenied with its
/// rules, ACC-5), the audit entries about a person and the audit figures. No answer fails closed, in
/// the access checks' own ACC-7 words.
/// </summary>
public sealed class AccessPeer(AccessService.AccessServiceClient access, AuditService.AuditServiceClient audit, PeerCall call)
{
    /// <summary>Asks the access service; a deny becomes PermissionDenied with its rules and sentence (ACC-5).</summary>
    public async Task<CheckResponse> RequireAllowedAsync(CheckRequest request, CancellationToken ct)
    {
        var decision = await call.AskAsync("access", deadline => access.CheckAsync(request, deadline: deadline, cancellationToken: ct),
            AccessDidNotAnswer("no case data is returned"));
        if (decision.Outcome != Outcome.Allow)
        {
            throw Refusal(decision);
        }

        return decision;
    }

    /// <summary>
    /// Asks the access service for several decisions at once (BatchCheck, 100 per call), each
    /// audited; the first deny becomes PermissionDenied with its rules and sentence (ACC-5).
    /// </summary>
    public async Task<IReadOnlyList<CheckResponse>> RequireAllAllowedAsync(IReadOnlyList<CheckRequest> requests, CancellationToken ct)
    {
        var decisions = await DecideAllAsync(requests, ct, "nothing is done");
        if (decisions.FirstOrDefault(d => d.Outcome != Outcome.Allow) is { } denied)
        {
            throw Refusal(denied);
        }

        return decisions;
    }

    /// <summary>
    /// Asks the access service for several decisions at once (BatchCheck, 100 per call), each
    /// audited (ACC-4), and returns them all, allows and denies, in the order asked. No answer fails
    /// closed (ACC-7) with <paramref name="consequence"/>.
    /// </summary>
    public async Task<IReadOnlyList<CheckResponse>> DecideAllAsync(IReadOnlyList<CheckRequest> requests, CancellationToken ct, string consequence = "no case data is returned")
    {
        ArgumentNullException.ThrowIfNull(requests);
        var decisions = new List<CheckResponse>(requests.Count);
        foreach (var chunk in requests.Chunk(100))
        {
            var batch = new BatchCheckRequest
            {
                Items = { chunk.Select((r, i) => new BatchCheckItem { CorrelationId = (decisions.Count + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Check = r }) },
            };
            var reply = await call.AskAsync("access", deadline => access.BatchCheckAsync(batch, deadline: deadline, cancellationToken: ct), AccessDidNotAnswer(consequence));
            decisions.AddRange(reply.Results.Select(r => r.Decision));
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
            var page = await call.AskAsync("access", deadline => audit.ListAuditEntriesAsync(request, deadline: deadline, cancellationToken: ct));
            entries.AddRange(page.Entries);
            after = page.NextAfterSequence;
        }
        while (after != 0);

        return entries;
    }

    /// <summary>REC-11: the access service's raw counts of decisions about the council's cases in a period.</summary>
    public Task<GetAuditStatisticsResponse> AuditStatisticsAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        call.AskAsync("access", deadline => audit.GetAuditStatisticsAsync(
            new GetAuditStatisticsRequest { CouncilId = councilId, From = from.ToTimestamp(), To = to.ToTimestamp() }, deadline: deadline, cancellationToken: ct));

    // Fail closed: no answer from access means no data, in the access checks' own words. When access
    // answered that one of its own fact sources is unreachable, its sentence names that source; any
    // other failure is access itself not reached. The transport's text goes to the log (with the
    // cause), never into the sentence.
    private static Func<RpcException, Exception?> AccessDidNotAnswer(string consequence) =>
        ex => new UnavailableException(
            ex.StatusCode == StatusCode.Unavailable && ex.Status.Detail.StartsWith("ACC-7: ", StringComparison.Ordinal)
                ? $"{ex.Status.Detail}; {consequence}"
                : $"ACC-7: the access service, which decides every access, could not be reached; {consequence}: try again in a moment",
            ex);

    // A deny with its rules and sentence (ACC-5); to a caller no designation reaches, the answer an unknown id gets (ACC-1, nothing leaks).
    private static PermissionDeniedException Refusal(CheckResponse denied) =>
        denied.NoNeedToKnow ? Unseen.Violation.ToDenial() : new PermissionDeniedException([.. denied.RuleIds], denied.Reason + $" (decision {denied.DecisionId})");
}
