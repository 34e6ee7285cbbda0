using System.Diagnostics;
using Clspd.Access.Diagnostics;
using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Decisions;

/// <summary>
/// One decision end to end: gather the facts, apply the policy, append to the audit trail, answer.
/// A decision that cannot be audited is a deny (ACC-4); a fact source that cannot answer is a
/// deny with ACC-7, audited too, reported to the caller as <see cref="UnavailableException"/>.
/// </summary>
public sealed partial class DecisionMaker(FactSource facts, AuditWriter audit, TimeProvider time, IOptions<AccessOptions> options, AccessMetrics metrics,
    ILogger<DecisionMaker> logger)
{
    private static readonly string[] AuditFailed = ["ACC-4"];

    /// <summary>At most this many agenda meeting ids and measure refs per resource.</summary>
    public const int MaxRefs = 100;

    private readonly TimeZoneInfo _councilZone = options.Value.ResolveCouncilTimeZone();

    /// <summary>Validates one check request; <paramref name="prefix"/> names the field path in a batch.</summary>
    public static void Validate(CheckRequest request, string prefix = "")
    {
        var resource = request.Resource ?? new CaseResource();
        if (request.Action == AccessAction.ExportSubjectFile)
        {
            ValidateSubjectFile(request, resource, prefix);
            return;
        }

        new RequestValidator().Required(prefix + "principal", request.Principal, 200).Known(prefix + "action", request.Action)
            .Required(prefix + "resource.case_id", resource.CaseId, 64).Required(prefix + "resource.subject_ref", resource.SubjectRef, 64)
            .Required(prefix + "resource.council_id", resource.CouncilId, 64).Required(prefix + "resource.group_id", resource.GroupId, 64)
            .When(!Enum.IsDefined(request.View), prefix + "view", "unknown value")
            .When(!Enum.IsDefined(resource.BodyKind), prefix + "resource.body_kind", "unknown value")
            .When(resource.BodyKind == BodyKind.Unspecified, prefix + "resource.body_kind",
                "is required: the kind of body holding the case (CLSPD group or CDDF) decides which side of the wall sees it (REC-8)")
            .When(resource.AgendaMeetingIds.Count > MaxRefs, prefix + "resource.agenda_meeting_ids", $"at most {MaxRefs} ids")
            .When(resource.AgendaMeetingIds.Any(id => id.Length is 0 or > 64), prefix + "resource.agenda_meeting_ids", "each id is 1..64 characters")
            .When(resource.MeasureRefs.Count > MaxRefs, prefix + "resource.measure_refs", $"at most {MaxRefs} refs")
            .When(resource.MeasureRefs.Any(id => id.Length is 0 or > 64), prefix + "resource.measure_refs", "each ref is 1..64 characters")
            .When(request.MinRegistryRevision < 0, prefix + "min_registry_revision", "must be zero or positive")
            .When(request.MinConsentRevision < 0, prefix + "min_consent_revision", "must be zero or positive")
            .MaxLength(prefix + "justification", request.Justification, 100)
            .When(request.PrincipalCouncils.Count > MaxRefs, prefix + "principal_councils", $"at most {MaxRefs} ids")
            .When(request.PrincipalCouncils.Any(id => id.Length is 0 or > 64), prefix + "principal_councils", "each id is 1..64 characters")
            .ThrowIfInvalid();
    }

    // REC-10: the file of a person who holds no case names the person and the council, and nothing
    // of a case: no case, group, body, agenda or measure — a resource that names one is a mistake
    // of the caller, not something to decide on.
    private static void ValidateSubjectFile(CheckRequest request, CaseResource resource, string prefix)
    {
        const string NoCase = "must be empty for ACCESS_ACTION_EXPORT_SUBJECT_FILE: the person holds no case (a case is exported with ACCESS_ACTION_EXPORT_CASE)";
        new RequestValidator().Required(prefix + "principal", request.Principal, 200)
            .Required(prefix + "resource.subject_ref", resource.SubjectRef, 64).Required(prefix + "resource.council_id", resource.CouncilId, 64)
            .When(resource.CaseId.Length > 0, prefix + "resource.case_id", NoCase)
            .When(resource.GroupId.Length > 0, prefix + "resource.group_id", NoCase)
            .When(resource.BodyKind != BodyKind.Unspecified, prefix + "resource.body_kind", "must be BODY_KIND_UNSPECIFIED for ACCESS_ACTION_EXPORT_SUBJECT_FILE: with no case there is no body")
            .When(resource.AgendaMeetingIds.Count > 0, prefix + "resource.agenda_meeting_ids", NoCase)
            .When(resource.MeasureRefs.Count > 0, prefix + "resource.measure_refs", NoCase)
            .When(request.View is not (View.Unspecified or View.Named), prefix + "view", "must be VIEW_NAMED (or unset) for ACCESS_ACTION_EXPORT_SUBJECT_FILE: the export shows the person's identity")
            .When(request.MinRegistryRevision < 0, prefix + "min_registry_revision", "must be zero or positive")
            .When(request.MinConsentRevision < 0, prefix + "min_consent_revision", "must be zero or positive")
            .MaxLength(prefix + "justification", request.Justification, 100)
            .When(request.PrincipalCouncils.Count > MaxRefs, prefix + "principal_councils", $"at most {MaxRefs} ids")
            .When(request.PrincipalCouncils.Any(id => id.Length is 0 or > 64), prefix + "principal_councils", "each id is 1..64 characters")
            .ThrowIfInvalid();
    }

    /// <summary>Decides and audits; throws <see cref="UnavailableException"/> (after auditing the deny) when facts are unavailable.</summary>
    public async Task<CheckResponse> DecideAsync(CheckRequest request, IReadOnlyList<string> boundCouncils, CancellationToken ct)
    {
        var (response, unavailable) = await DecideOrDenyAsync(request, boundCouncils, ct);
        if (unavailable is not null)
        {
            throw new UnavailableException(unavailable.Message + $" (decision {response.DecisionId})", unavailable.Cause);
        }

        return response;
    }

    /// <summary>
    /// Decides and audits; an unavailable fact source yields an audited DENY with ACC-7. Only the
    /// principal's designations in <paramref name="boundCouncils"/> count (none named: all of them; ACC-1).
    /// </summary>
    public async Task<(CheckResponse Response, UnavailableException? Unavailable)> DecideOrDenyAsync(CheckRequest request, IReadOnlyList<string> boundCouncils, CancellationToken ct)
    {
        var resource = request.Resource;
        var now = time.GetUtcNow();
        AccessDecision decision;
        UnavailableException? unavailable = null;
        try
        {
            var (known, designations, fromView) = await facts.DesignationsAsync(request.Principal, now, request.MinRegistryRevision, ct);
            var (informed, permitted, programme) = await ConsentFactsAsync(request, now, ct);
            var day = CouncilTime.DayOf(now, _councilZone);
            decision = AccessPolicy.Decide(Facts(request, known, CouncilBinding.Counting(designations, boundCouncils), informed, permitted, programme, now, day));
            if (fromView && decision.Outcome == Outcome.Deny && decision.RuleIds.Contains("ACC-1"))
            {
                // The view may lag a designation made a moment ago: a grant is confirmed with the
                // registry itself. (A revocation never needs this: the caller's revision token
                // makes the view catch up before it is used.)
                (known, designations, _) = await facts.DesignationsAsync(request.Principal, now, request.MinRegistryRevision, ct, authoritative: true);
                decision = AccessPolicy.Decide(Facts(request, known, CouncilBinding.Counting(designations, boundCouncils), informed, permitted, programme, now, day));
            }
        }
        catch (UnavailableException ex)
        {
            unavailable = ex;
            decision = AccessDecision.Deny("ACC-7", ex.Message);
        }

        var entry = new AuditRecord
        {
            DecisionId = Guid.CreateVersion7(now).ToString(), DecidedAt = now, Principal = request.Principal, Role = (int)decision.Role,
            Action = (int)request.Action, CaseId = resource.CaseId, SubjectRef = resource.SubjectRef, CouncilId = resource.CouncilId,
            GroupId = resource.GroupId, ViewKind = (int)ViewAsked(request),
            Outcome = (int)decision.Outcome, RuleIds = string.Join(',', decision.RuleIds), Reason = decision.Reason,
        };
        var timeline = CheckTimeline.Current;
        if (timeline is not null)
        {
            timeline.Decided = Stopwatch.GetTimestamp();
        }

        try
        {
            await audit.AppendAsync(entry, ct);
            if (timeline is not null)
            {
                timeline.Resumed = Stopwatch.GetTimestamp();
            }
        }
        catch (Exception ex) when (ex is AuditUnavailableException or InvalidOperationException)
        {
            LogAuditFailed(logger, ex, entry.DecisionId);
            metrics.Decided(Outcome.Deny, AuditFailed);
            return (new CheckResponse
            {
                Outcome = Outcome.Deny, RuleIds = { "ACC-4" }, DecisionId = entry.DecisionId, DecidedAt = now.ToTimestamp(),
                Reason = "ACC-4: the decision could not be written to the audit trail, so access is denied",
            }, null);
        }

        metrics.Decided(decision.Outcome, decision.RuleIds);
        return (new CheckResponse
        {
            Outcome = decision.Outcome, RuleIds = { decision.RuleIds }, Reason = decision.Reason, View = decision.View,
            DecisionId = entry.DecisionId, AuditSequence = entry.Seq, AuditEntryHash = entry.EntryHash, DecidedAt = now.ToTimestamp(),
            MeasureRefs = { decision.MeasureRefs }, NoNeedToKnow = decision.NoNeedToKnow,
        }, unavailable);
    }

    /// <summary>
    /// The consent facts the request needs, and only those: NAMED_DISCUSSION in the case's group for
    /// the named view; the PROGRAMME_ENROLMENT state (and informing) for programme actions and the
    /// measure view, which needs informing only.
    /// </summary>
    private async Task<(bool Informed, bool Permitted, ConsentState Programme)> ConsentFactsAsync(CheckRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var resource = request.Resource;
        if (request.Action == AccessAction.ExportSubjectFile)
        {
            // The person's own access request: answered whatever they consented to, and with no case there is no group to consent in.
            return (false, false, ConsentState.Unspecified);
        }

        if (request.Action == AccessAction.ProgrammeAction || request.View == View.MeasureOnly)
        {
            var (informed, state) = await facts.ProgrammeEnrolmentAsync(resource.SubjectRef, now, request.MinConsentRevision, ct);
            return (informed, false, state);
        }

        if (request.View == View.Named)
        {
            var (informed, permitted) = await facts.NamedDiscussionAsync(resource.SubjectRef, resource.GroupId, now, request.MinConsentRevision, ct);
            return (informed, permitted, ConsentState.Unspecified);
        }

        return (false, false, ConsentState.Unspecified);
    }

    // The view recorded in the trail: unset means pseudonymous, except for a subject file, which is named.
    private static View ViewAsked(CheckRequest request) => request.View != View.Unspecified ? request.View
        : request.Action == AccessAction.ExportSubjectFile ? View.Named : View.Pseudonymous;

    private static AccessFacts Facts(CheckRequest request, bool known, IReadOnlyList<DesignationFact> designations, bool informed, bool permitted,
        ConsentState programme, DateTimeOffset now, DateOnly day)
    {
        var resource = request.Resource;
        return new AccessFacts(request.Principal, known, designations, request.Action, request.View, resource.CaseId, resource.CouncilId, resource.GroupId,
            informed, permitted, now, request.Justification, resource.BodyKind, resource.AgendaMeetingIds, resource.MeasureRefs, day, programme);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit append failed for decision {DecisionId}; answering deny")]
    private static partial void LogAuditFailed(ILogger logger, Exception ex, string decisionId);
}
