using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>Referrals (REC-2) and the follow-up of a case (REC-3, REC-4); starting it in a programme is a programme action (ACC-3).</summary>
public sealed class FollowUpApi(Database database, CaseGate gate, FollowUpStore followUps, CaseStore cases, PersonStore persons, CallerResolver callers, TimeProvider time)
    : FollowUpService.FollowUpServiceBase
{
    public override async Task<RecordReferralResponse> RecordReferral(RecordReferralRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var unknownReason = CaseRules.ReasonsKnown(request.Reasons.All(r => r != ReferralReason.Unspecified && Enum.IsDefined(r)));
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64)
            .Known("origin", request.Origin)
            .When(unknownReason is not null, unknownReason?.Subject ?? "", unknownReason?.ToString() ?? "")
            .ThrowIfInvalid();
        var referredOn = ProtoConvert.DateOr(request.ReferredOn, "referred_on", Today());
        CaseRules.Referral(request.Origin == ReferralOrigin.SocialActionProfessional, [.. request.Reasons.Select(r => (int)r)], (int)ReferralReason.NeedForCoordination).ThrowIfAny();

        var row = await gate.ForWriteAsync(caller, request.CaseId, context.CancellationToken);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, RecordReferralResponse.Parser, async w =>
        {
            var id = Guid.CreateVersion7(w.Now).ToString();
            await followUps.InsertReferralAsync(w, new ReferralRow
            {
                Id = id, CaseId = row.Id, Origin = (int)request.Origin, Reasons = CaseViews.ReasonsText(request.Reasons), ReferredOn = referredOn,
                RecordedAt = w.Now, RecordedBy = caller.Subject,
            });
            return new RecordReferralResponse { ReferralId = id };
        }, context.CancellationToken);
    }

    public override async Task<StartFollowUpResponse> StartFollowUp(StartFollowUpRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64).Required("referral_id", request.ReferralId, 64)
            .Known("programme", request.Programme).Required("path_referent_id", request.PathReferentId, 64)
            .When(request.MinConsentRevision < 0, "min_consent_revision", "must be zero or positive").ThrowIfInvalid();
        var startDate = ProtoConvert.DateOr(request.StartDate, "start_date", Today());
        var ct = context.CancellationToken;
        // Enrolling the person in a programme is a programme action (ACC-3): PROGRAMME_ENROLMENT consent.
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct, AccessAction.ProgrammeAction, request.MinConsentRevision);
        var (person, referrals) = await database.ReadAsync(async s => (
            await persons.FindAsync(s, row.SubjectRef) ?? throw new NotFoundException("person", row.SubjectRef), await followUps.ReferralsAsync(s, row.Id)), ct);
        PersonRules.FollowUpOpens(person.Turns25On, startDate).ThrowIfAny();
        if (FollowUpRules.FromReferral(referrals.Any(r => r.Id == request.ReferralId)) is { } notOfCase)
        {
            throw new InvalidRequestException(notOfCase.Subject, notOfCase.ToString());
        }

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, StartFollowUpResponse.Parser, async w =>
        {
            if (await followUps.FollowUpAsync(w, row.Id) is not null)
            {
                throw new AlreadyExistsException($"the case {row.Id} already has a follow-up");
            }

            await followUps.InsertFollowUpAsync(w, new FollowUpRow
            {
                CaseId = row.Id, ReferralId = request.ReferralId, Programme = (int)request.Programme, PathReferentId = request.PathReferentId,
                StartDate = startDate, StartedAt = w.Now, StartedBy = caller.Subject,
            });
            return new StartFollowUpResponse { StartDate = startDate.ToProtoDate() };
        }, ct);
    }

    public override async Task<SetFollowUpElementsResponse> SetFollowUpElements(SetFollowUpElementsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var tooLong = CaseRules.Elements(request.Text.Length);
        new RequestValidator().RequestId(request.RequestId).Required("case_id", request.CaseId, 64)
            .When(string.IsNullOrWhiteSpace(request.Text), "text", "is required")
            .When(tooLong is not null, tooLong?.Subject ?? "", tooLong?.ToString() ?? "")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await gate.ForWriteAsync(caller, request.CaseId, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(row.SubjectRef);
        return await database.WriteOnceAsync(key, SetFollowUpElementsResponse.Parser, async w =>
        {
            var sealedText = await persons.SealForAsync(w, row.SubjectRef, "elements:" + row.Id, System.Text.Encoding.UTF8.GetBytes(request.Text));
            await cases.SetElementsAsync(w, row.Id, sealedText, caller.Subject);
            return new SetFollowUpElementsResponse { Author = caller.Subject, WrittenAt = w.Now.ToTimestamp() };
        }, ct);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
