using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;


namespace Clspd.Access.Api;

/// <summary>
/// Reading and verifying the trail (ACC-4, ACC-6). Coordinators see their councils' entries,
/// administrators and services all of them, a participant only their own accesses.
/// </summary>
public sealed class AuditApi(AuditStore store, FactSource facts, CallerResolver callers, TimeProvider time) : AuditService.AuditServiceBase
{
    private const int VerifyPage = 5_000;

    public override async Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var ct = context.CancellationToken;
        if (!caller.IsService && !caller.IsBootstrapAdmin && (await CoordinatedCouncilsAsync(caller, ct)).Count == 0)
        {
            throw new PermissionDeniedException("ACC-6", "only coordinators, the controller's administrators and the platform's services verify the audit trail");
        }

        var verifier = new AuditVerifier();
        await using var connection = await store.Database.OpenAsync(ct);
        // The next page is read while this one is verified.
        await foreach (var page in store.PagesAsync(connection, VerifyPage, ct))
        {
            foreach (var entry in page)
            {
                if (verifier.Next(entry) is { } bad)
                {
                    return new VerifyAuditResponse
                    {
                        Intact = false, EntriesChecked = verifier.Checked, FirstBadSequence = bad.Sequence, Problem = bad.Problem,
                        Message = "ACC-4: " + bad.Message, HeadHash = verifier.HeadHash,
                    };
                }
            }
        }

        return new VerifyAuditResponse
        {
            Intact = true, EntriesChecked = verifier.Checked, HeadHash = verifier.HeadHash,
            Message = $"ACC-4: the audit trail is intact ({verifier.Checked} entries)",
        };
    }

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
        if (!caller.IsService && !caller.IsBootstrapAdmin)
        {
            var councils = await CoordinatedCouncilsAsync(caller, ct);
            if (councils.Count > 0)
            {
                filter = filter with { CouncilIds = councils };
            }
            else if (filter.Principal is null || string.Equals(filter.Principal, caller.Subject, StringComparison.Ordinal))
            {
                filter = filter with { Principal = caller.Subject };
            }
            else
            {
                throw new PermissionDeniedException("ACC-6", "a participant may read only the trail of their own accesses");
            }
        }

        var entries = await store.FindAsync(filter, ct);
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
        if (!caller.IsService && !caller.IsBootstrapAdmin && !(await CoordinatedCouncilsAsync(caller, ct)).Contains(request.CouncilId, StringComparer.Ordinal))
        {
            throw new PermissionDeniedException("REC-11", "a council's decision counts are read by the platform's services, its coordinator and administrators");
        }

        var rows = await store.CountAsync(request.CouncilId, from, to, ct);
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
