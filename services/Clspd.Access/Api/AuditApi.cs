using Clspd.Access.Checkpoints;
using Clspd.Access.Decisions;
using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.Access.Verification;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Access.Api;

/// <summary>
/// Reading and verifying the trail (ACC-4, ACC-6). Coordinators see their councils' entries,
/// administrators and services all of them, a participant only their own accesses.
/// </summary>
public sealed class AuditApi(
    Database database, AuditStore store, AuditSearch search, AuditVerification verification, AuditCheckpoints checkpoints, FactSource facts,
    CallerResolver callers, TimeProvider time) : AuditService.AuditServiceBase
{
    public override async Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        await RequireVerifierAsync(callers.Resolve(context), "verify the audit trail", ct);
        new RequestValidator()
            .When(request.AfterSequence < 0, "after_sequence", "must be zero or positive")
            .When(request.AfterSequence > 0 && !IsHash(request.AfterHash), "after_hash",
                "the hash of the entry at after_sequence (64 hexadecimal characters, the head_hash of the previous step) is required")
            .When(request.AfterSequence == 0 && request.AfterHash.Length > 0, "after_hash", "only with after_sequence")
            .When(request.MaxEntries < 0, "max_entries", "must be zero (to the end) or positive").ThrowIfInvalid();
        var given = request.Checkpoint is null ? null : Accept(request.Checkpoint);

        return await verification.VerifyAsync(request, given, ct);
    }

    public override async Task<GetAuditCheckpointResponse> GetAuditCheckpoint(GetAuditCheckpointRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        await RequireVerifierAsync(callers.Resolve(context), "download the audit trail's checkpoints", ct);
        var latest = await checkpoints.LatestAsync(ct) ?? throw new NotFoundException("audit checkpoint", "latest");
        return new GetAuditCheckpointResponse { Checkpoint = AuditCheckpointLog.ToMessage(latest), PublicKey = checkpoints.Key.PublicKeyPem };
    }

    public override async Task<CreateAuditCheckpointResponse> CreateAuditCheckpoint(CreateAuditCheckpointRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        await RequireVerifierAsync(callers.Resolve(context), "sign the audit trail's checkpoints", ct);
        var signed = await checkpoints.CreateAsync(onlyIfMoved: false, ct);
        return new CreateAuditCheckpointResponse { Checkpoint = AuditCheckpointLog.ToMessage(signed!), PublicKey = checkpoints.Key.PublicKeyPem };
    }

    // A checkpoint the caller kept: complete, and signed by this service's key.
    private SignedCheckpoint Accept(AuditCheckpoint message)
    {
        new RequestValidator()
            .When(message.Sequence <= 0, "checkpoint.sequence", "must be positive (the entry the checkpoint covers)")
            .When(!IsHash(message.HeadHash), "checkpoint.head_hash", "must be 64 hexadecimal characters")
            .When(message.SignedAt is null, "checkpoint.signed_at", "is required")
            .When(message.Signature.IsEmpty, "checkpoint.signature", "is required").ThrowIfInvalid();
        var checkpoint = AuditCheckpointLog.FromMessage(message)!;
        if (!string.Equals(checkpoint.KeyId, checkpoints.Key.KeyId, StringComparison.Ordinal))
        {
            throw new InvalidRequestException("checkpoint.key_id", $"'{checkpoint.KeyId}' is not this service's checkpoint key ({checkpoints.Key.KeyId}): it was not signed here");
        }

        return checkpoints.Key.Verifies(checkpoint)
            ? checkpoint
            : throw new InvalidRequestException("checkpoint.signature",
                "does not verify with this service's checkpoint key: the checkpoint was altered or forged, and is refused (ACC-4)");
    }

    private async Task RequireVerifierAsync(Caller caller, string what, CancellationToken ct) =>
        AuditReaders.MayVerify(Privileged(caller), Privileged(caller) ? [] : await CoordinatedCouncilsAsync(caller, ct), what).ThrowIfDenied();

    // The platform's services and the controller's administrators read the whole trail.
    private static bool Privileged(Caller caller) => caller.IsService || caller.IsBootstrapAdmin;

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var ct = context.CancellationToken;
        new RequestValidator().MaxLength("case_id", request.CaseId, 64).MaxLength("principal", request.Principal, 200)
            .MaxLength("subject_ref", request.SubjectRef, 64)
            .When(request.PageSize is < 0 or > 1000, "page_size", "must be between 1 and 1000")
            .When(request.AfterSequence < 0, "after_sequence", "must be zero or positive").ThrowIfInvalid();
        var from = request.From is null ? (DateTimeOffset?)null : ProtoConvert.RequiredInstant(request.From, "from");
        var to = request.To is null ? (DateTimeOffset?)null : ProtoConvert.RequiredInstant(request.To, "to");

        var filter = new AuditFilter
        {
            CaseId = Blank(request.CaseId), Principal = Blank(request.Principal), SubjectRef = Blank(request.SubjectRef),
            From = from, To = to, AfterSequence = request.AfterSequence, Limit = request.PageSize == 0 ? 100 : request.PageSize,
        };
        if (!Privileged(caller))
        {
            var scope = AuditReaders.ListScope(await CoordinatedCouncilsAsync(caller, ct), caller.Subject, filter.Principal);
            scope.Denied.ThrowIfDenied();
            filter = filter with { CouncilIds = scope.CouncilIds, Principal = scope.Principal };
        }

        var entries = await search.FindAsync(filter, ct);
        var response = new ListAuditEntriesResponse { Entries = { entries.Select(ToMessage) } };
        response.NextAfterSequence = entries.Count == filter.Limit ? entries[^1].Seq : 0;
        return response;
    }

    public override async Task<GetAuditStatisticsResponse> GetAuditStatistics(GetAuditStatisticsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var from = ProtoConvert.RequiredInstant(request.From, "from");
        var to = ProtoConvert.RequiredInstant(request.To, "to");
        new RequestValidator().When(to <= from, "to", "must be after from").ThrowIfInvalid();
        var ct = context.CancellationToken;
        AuditReaders.MayCount(Privileged(caller), Privileged(caller) ? [] : await CoordinatedCouncilsAsync(caller, ct), request.CouncilId).ThrowIfDenied();

        var rows = await database.ReadAsync(s => store.CountAsync(s, request.CouncilId, from, to), ct);
        var counts = new Dictionary<(AccessAction Action, Outcome Outcome, string Rule), int>();
        foreach (var row in rows)
        {
            // A deny counts once under each rule it named; an allow once, with no rule.
            string[] rules = (Outcome)row.Outcome == Outcome.Deny ? row.RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries) : [""];
            foreach (var rule in rules.Length == 0 ? [""] : rules)
            {
                var key = ((AccessAction)row.Action, (Outcome)row.Outcome, rule);
                counts[key] = counts.GetValueOrDefault(key) + (int)row.Count;
            }
        }

        return new GetAuditStatisticsResponse
        {
            DeniedDecisions = (int)rows.Where(r => (Outcome)r.Outcome == Outcome.Deny).Sum(r => r.Count),
            Counts =
            {
                counts.OrderBy(c => c.Key.Action).ThenBy(c => c.Key.Outcome).ThenBy(c => c.Key.Rule, StringComparer.Ordinal)
                    .Select(c => new AuditCount { Action = c.Key.Action, Outcome = c.Key.Outcome, RuleId = c.Key.Rule, Count = c.Value }),
            },
        };
    }

    private async Task<IReadOnlyList<string>> CoordinatedCouncilsAsync(Caller caller, CancellationToken ct)
    {
        var (_, designations, _) = await facts.DesignationsAsync(caller.Subject, time.GetUtcNow(), 0, ct, authoritative: true);
        return [.. designations.Where(d => d.Role == Role.Coordinator).Select(d => d.CouncilId).Distinct(StringComparer.Ordinal)];
    }

    private static string? Blank(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static AuditEntry ToMessage(AuditRecord e) => new()
    {
        Sequence = e.Seq, DecisionId = e.DecisionId, DecidedAt = e.DecidedAt.ToTimestamp(), Principal = e.Principal, Role = e.Role,
        Action = (AccessAction)e.Action, View = (View)e.ViewKind, Outcome = (Outcome)e.Outcome,
        Resource = new CaseResource { CaseId = e.CaseId, SubjectRef = e.SubjectRef, CouncilId = e.CouncilId, GroupId = e.GroupId },
        RuleIds = { e.RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries) }, Reason = e.Reason, PreviousHash = e.PrevHash, EntryHash = e.EntryHash,
    };
}
