using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Access.Api;

/// <summary>
/// gRPC surface of the access service: gather facts, decide, append the decision to the audit
/// trail, then answer. A decision that cannot be audited is a deny (ACC-4).
/// </summary>
public sealed partial class AccessApi(FactSource facts, AuditStore audit, CallerResolver callers, TimeProvider time, ILogger<AccessApi> logger)
    : AccessService.AccessServiceBase
{
    public override async Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var resource = request.Resource ?? new CaseResource();
        new RequestValidator().Required("principal", request.Principal, 200).Known("action", request.Action)
            .Required("resource.case_id", resource.CaseId, 64).Required("resource.subject_ref", resource.SubjectRef, 64)
            .Required("resource.council_id", resource.CouncilId, 64).Required("resource.group_id", resource.GroupId, 64)
            .When(!Enum.IsDefined(request.View), "view", "unknown value")
            .When(request.MinRegistryRevision < 0, "min_registry_revision", "must be zero or positive")
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive")
            .ThrowIfInvalid();
        if (!caller.IsService && !string.Equals(caller.Subject, request.Principal, StringComparison.Ordinal))
        {
            throw new PermissionDeniedException("ACC-6", "a participant may check only their own access");
        }

        var now = time.GetUtcNow();
        var ct = context.CancellationToken;
        AccessDecision decision;
        UnavailableException? unavailable = null;
        try
        {
            var (known, designations) = await facts.DesignationsAsync(request.Principal, now, request.MinRegistryRevision, ct);
            var (informed, permitted) = request.View == View.Named
                ? await facts.NamedDiscussionAsync(resource.SubjectRef, resource.GroupId, now, request.MinConsentRevision, ct)
                : (false, false);
            decision = AccessPolicy.Decide(new AccessFacts(request.Principal, known, designations, request.Action, request.View,
                resource.CaseId, resource.CouncilId, resource.GroupId, informed, permitted, now));
        }
        catch (UnavailableException ex)
        {
            unavailable = ex;
            decision = AccessDecision.Deny("ACC-7", ex.Message);
        }

        var entry = new AuditEntry
        {
            DecisionId = Guid.CreateVersion7(now).ToString(), DecidedAt = now, Principal = request.Principal, Role = (int)decision.Role,
            Action = (int)request.Action, CaseId = resource.CaseId, SubjectRef = resource.SubjectRef, CouncilId = resource.CouncilId,
            GroupId = resource.GroupId, ViewKind = (int)(request.View == View.Unspecified ? View.Pseudonymous : request.View),
            Outcome = (int)decision.Outcome, RuleIds = string.Join(',', decision.RuleIds), Reason = decision.Reason,
        };
        try
        {
            await audit.AppendAsync(entry, ct);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            LogAuditFailed(logger, ex, entry.DecisionId);
            return new CheckResponse
            {
                Outcome = Outcome.Deny, RuleIds = { "ACC-4" }, DecisionId = entry.DecisionId, DecidedAt = now.ToTimestamp(),
                Reason = "ACC-4: the decision could not be written to the audit trail, so access is denied",
            };
        }

        if (unavailable is not null)
        {
            throw new UnavailableException(unavailable.Message + $" (decision {entry.DecisionId})", unavailable.Cause);
        }

        return new CheckResponse
        {
            Outcome = decision.Outcome, RuleIds = { decision.RuleIds }, Reason = decision.Reason, View = decision.View,
            DecisionId = entry.DecisionId, AuditSequence = entry.Seq, AuditEntryHash = entry.EntryHash, DecidedAt = now.ToTimestamp(),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit append failed for decision {DecisionId}; answering deny")]
    private static partial void LogAuditFailed(ILogger logger, Exception ex, string decisionId);
}
