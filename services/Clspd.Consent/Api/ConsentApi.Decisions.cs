using Clspd.Consent.Domain;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>
/// Decisions (CON-3) and withdrawals (CON-4): appended, never changed, each with a receipt (CON-5).
/// Every write on a subject first locks the subject's row, then checks, then takes its revision:
/// the order of revisions is the order in which the checks ran ("latest decision wins").
/// </summary>
public sealed partial class ConsentApi
{
    public override async Task<RecordDecisionResponse> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .Known("purpose", request.Purpose).Known("decision", request.Decision)
            .When(request.Decision == Decision.Withdrawn, "decision", "WITHDRAWN is recorded with WithdrawConsent (CON-4)")
            .When(request.Purpose == Purpose.NamedDiscussion && string.IsNullOrWhiteSpace(request.GroupId), "group_id", "is required for NAMED_DISCUSSION (CON-3)")
            .MaxLength("group_id", request.GroupId, 64).MaxLength("decided_by_ref", request.DecidedByRef, 64)
            .Required("evidence", request.Evidence).Required("notice_version", request.NoticeVersion, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await AuthorisedSubjectAsync(caller, request.SubjectRef, ConsentRecording.Decision, ct);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(request.SubjectRef);
        return await database.WriteOnceAsync(key, RecordDecisionResponse.Parser, async w =>
        {
            var subject = await LockSubjectAsync(w, request.SubjectRef);
            var decidedBy = string.IsNullOrEmpty(request.DecidedByRef) ? request.SubjectRef : request.DecidedByRef;
            var role = DeciderRoleOf(subject, decidedBy, w.Now, allowFormerRepresentative: false);
            var informings = await store.InformingsAsync(w, request.SubjectRef);
            ConsentRules.InformedBeforeDeciding(informings.Select(i => i.ToFact()), decidedBy, w.Now, request.NoticeVersion).ThrowIfAny();

            var row = await AppendAsync(w, caller, request.SubjectRef, request.Purpose, request.GroupId, request.Decision, decidedBy, role,
                request.Evidence.Trim(), request.NoticeVersion);
            return new RecordDecisionResponse { Decision = row.ToProto(), Receipt = row.ToReceipt(), Revision = row.Revision };
        }, ct);
    }

    public override async Task<WithdrawConsentResponse> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64).Known("purpose", request.Purpose)
            .When(request.Purpose == Purpose.NamedDiscussion && string.IsNullOrWhiteSpace(request.GroupId), "group_id", "is required for NAMED_DISCUSSION (CON-3)")
            .MaxLength("group_id", request.GroupId, 64).MaxLength("decided_by_ref", request.DecidedByRef, 64)
            .Required("evidence", request.Evidence).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await AuthorisedSubjectAsync(caller, request.SubjectRef, ConsentRecording.Withdrawal, ct);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(request.SubjectRef);
        return await database.WriteOnceAsync(key, WithdrawConsentResponse.Parser, async w =>
        {
            var subject = await LockSubjectAsync(w, request.SubjectRef);
            var decidedBy = string.IsNullOrEmpty(request.DecidedByRef) ? request.SubjectRef : request.DecidedByRef;
            var role = DeciderRoleOf(subject, decidedBy, w.Now, allowFormerRepresentative: true);
            var groupId = ConsentRules.GroupKeyFor(request.Purpose, request.GroupId);
            var decisions = await store.DecisionsAsync(w, request.SubjectRef, (int)request.Purpose, groupId);
            var latest = decisions.Where(d => d.DecidedByRef == decidedBy).MaxBy(d => d.Revision);
            ConsentRules.Withdrawable(latest?.ToFact(), decidedBy).ThrowIfAny();
            var row = await AppendAsync(w, caller, request.SubjectRef, request.Purpose, request.GroupId, Decision.Withdrawn, decidedBy, role,
                request.Evidence.Trim(), latest?.NoticeVersion ?? "");
            return new WithdrawConsentResponse { Decision = row.ToProto(), Receipt = row.ToReceipt(), Revision = row.Revision };
        }, ct);
    }

    /// <summary>Appends one decision: its change (which gives its revision), then its row.</summary>
    private async Task<DecisionRow> AppendAsync(StoreSession w, Caller caller, string subjectRef, Purpose purpose, string groupIdInput,
        Decision decision, string decidedBy, DeciderRole role, string evidence, string noticeVersion)
    {
        var id = Guid.CreateVersion7(w.Now).ToString();
        var groupId = ConsentRules.GroupKeyFor(purpose, groupIdInput);
        var hash = ConsentRules.ContentHash(id, subjectRef, purpose, groupId, decision, decidedBy, evidence, noticeVersion, w.Now);
        DecisionRow Row(long revision) => new()
        {
            Id = id, SubjectRef = subjectRef, Purpose = (int)purpose, GroupId = groupId, Decision = (int)decision, DecidedByRef = decidedBy,
            Evidence = evidence, NoticeVersion = noticeVersion, DecidedAt = w.Now, RecordedBy = caller.Subject, ContentSha256 = hash,
            DeciderRole = (int)role, Revision = revision,
        };

        var revision = await w.AppendChangeAsync("decision", id, Row(0).ToProto());
        var row = Row(revision);
        await store.InsertDecisionAsync(w, row);
        return row;
    }

    private static DeciderRole DeciderRoleOf(SubjectRow subject, string decidedBy, DateTimeOffset now, bool allowFormerRepresentative)
    {
        var role = ConsentRules.RoleOf(subject.ToFacts(), decidedBy, now)
            ?? throw new InvalidRequestException("decided_by_ref", "is neither the subject nor one of its registered legal representatives");
        if (allowFormerRepresentative)
        {
            // CON-4: a former legal representative withdraws the consent they gave.
            return role == DeciderRole.Unspecified ? DeciderRole.LegalRepresentative : role;
        }

        ConsentRules.MayDecideAs(role, decidedBy).ThrowIfAny();
        return role;
    }

    private async Task<SubjectRow> LockSubjectAsync(StoreSession w, string subjectRef)
    {
        if (!await subjects.LockAsync(w, subjectRef))
        {
            throw new NotFoundException("subject", subjectRef);
        }

        return (await subjects.FindAsync(w, subjectRef))!;
    }
}
