using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>Designations by mayor's order (REG-3, REG-4, REG-6), revocations and exclusions (REG-5).</summary>
public sealed partial class RegistryApi
{
    private const string OrderRequired = "is required: a designation rests on a mayor's order (REG-4)";

    public override async Task<DesignateResponse> Designate(DesignateRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var order = request.Order ?? new MayorOrder();
        new RequestValidator().RequestId(request.RequestId)
            .When(string.IsNullOrWhiteSpace(order.Number), "order.number", OrderRequired).MaxLength("order.number", order.Number, 64)
            .When(string.IsNullOrWhiteSpace(order.SignedBy), "order.signed_by", OrderRequired).MaxLength("order.signed_by", order.SignedBy, 200)
            .When(order.Date is null, "order.date", OrderRequired)
            .Required("participant_id", request.ParticipantId, 64).Required("group_id", request.GroupId, 64)
            .Known("role", request.Role)
            .MaxLength("meeting_id", request.MeetingId, 64).MaxLength("case_ref", request.CaseRef, 64).MaxLength("measure_ref", request.MeasureRef, 64)
            .ThrowIfInvalid();
        var orderDate = ProtoConvert.RequiredDate(order.Date, "order.date");
        var validFrom = ProtoConvert.RequiredInstant(request.ValidFrom, "valid_from");
        var validTo = ProtoConvert.RequiredInstant(request.ValidTo, "valid_to");
        var binding = RegistryRules.RoleBindingError(request.Role, request.MeetingId, request.CaseRef, request.MeasureRef);
        new RequestValidator()
            .When(validTo <= validFrom, "valid_to", "must be after valid_from")
            .When(orderDate > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), "order.date", "is in the future: record the order once it is signed")
            .When(binding is not null, binding?.Field ?? "", binding?.Description ?? "")
            .ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, DesignateResponse.Parser, async w =>
        {
            var group = Ref(await councils.FindGroupAsync(w, request.GroupId), "group_id", "group");
            RegistryPermissions.ManageCouncil(RegistryAction.Designate, await standings.InCouncilAsync(w, caller, group.CouncilId)).ThrowIfDenied();
            BodyRules.TakesDesignations(group.Id, (GroupKind)group.Kind, group.ClosedAt).ThrowIfAny();
            var participant = Ref(await participants.FindParticipantAsync(w, request.ParticipantId), "participant_id", "participant");
            var institution = (await participants.FindInstitutionAsync(w, participant.InstitutionId))!;
            if (request.Role == Role.OccasionalAttendee)
            {
                var meeting = Ref(await meetings.FindAsync(w, request.MeetingId), "meeting_id", "meeting");
                new RequestValidator().When(meeting.GroupId != group.Id, "meeting_id", "is a meeting of another group").ThrowIfInvalid();
                DesignationRules.CoversMeetingDay(meeting.Id, meeting.MeetingDate, validFrom, validTo).ThrowIfAny();
            }

            DesignationRules.OrderAfterBreach(participant.Id, orderDate, await designations.LastBreachAtAsync(w, participant.Id)).ThrowIfAny();

            var charter = await charters.StateAsync(w, group.CouncilId, institution.Id, participant.Id, w.Now);
            CharterRules.AllowsDesignation(participant.Id, charter.Current?.Version, charter.Signature is not null, charter.Acceptance is not null).ThrowIfAny();

            var row = new DesignationRow
            {
                Id = NewId(w), ParticipantId = participant.Id, GroupId = group.Id, CouncilId = group.CouncilId, Role = (int)request.Role,
                OrderNumber = order.Number.Trim(), OrderDate = orderDate, OrderSignedBy = order.SignedBy.Trim(),
                ValidFrom = validFrom, ValidTo = validTo, MeetingId = request.MeetingId.Trim(), CaseRef = request.CaseRef.Trim(), MeasureRef = request.MeasureRef.Trim(),
                CreatedAt = w.Now, CreatedBy = caller.Subject,
            };
            if (await designations.OverlapsAsync(w, row))
            {
                throw new AlreadyExistsException("the participant already holds this role in this group (same binding) for an overlapping period");
            }

            await designations.InsertAsync(w, row);
            var designation = await DesignationNowAsync(w, row.Id);
            var revision = await w.AppendChangeAsync(ChangeKinds.Designation, row.Id, designation);
            var response = new DesignateResponse { Designation = designation, Revision = revision };
            if (RegistryRules.DesignationWarning((InstitutionKind)institution.Kind) is { } warning)
            {
                response.Warnings.Add(warning);
            }

            return response;
        }, context.CancellationToken);
    }

    public override async Task<RevokeDesignationResponse> RevokeDesignation(RevokeDesignationRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("designation_id", request.DesignationId, 64).Required("reason", request.Reason, 500).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, RevokeDesignationResponse.Parser, async w =>
        {
            // A caller who may not revoke it gets the same answer whether the designation exists or not.
            var row = await designations.FindAsync(w, request.DesignationId);
            RegistryPermissions.ManageCouncil(RegistryAction.RevokeDesignation, await standings.InCouncilAsync(w, caller, row?.CouncilId)).ThrowIfDenied();
            if (row is null)
            {
                throw new NotFoundException("designation", request.DesignationId);
            }

            DesignationRules.Revoke(row.Id, row.ValidTo, row.RevokedAt, w.Now).ThrowIfAny();

            var (ended, revision) = await EndDesignationsAsync(w, [row.Id], request.Reason.Trim(), caller.Subject, breachId: null);
            return new RevokeDesignationResponse { Designation = ended[0], Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<RecordConfidentialityBreachResponse> RecordConfidentialityBreach(RecordConfidentialityBreachRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64)
            .Required("participant_id", request.ParticipantId, 64).Required("reason", request.Reason, 500).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, RecordConfidentialityBreachResponse.Parser, async w =>
        {
            Ref(await councils.FindCouncilAsync(w, request.CouncilId), "council_id", "council");
            RegistryPermissions.ManageCouncil(RegistryAction.RecordBreach, await standings.InCouncilAsync(w, caller, request.CouncilId)).ThrowIfDenied();
            var participant = Ref(await participants.FindParticipantAsync(w, request.ParticipantId), "participant_id", "participant");

            var row = new BreachRow
            {
                Id = NewId(w), ParticipantId = participant.Id, CouncilId = request.CouncilId, Reason = request.Reason.Trim(),
                RecordedAt = w.Now, RecordedBy = caller.Subject,
            };
            await designations.InsertBreachAsync(w, row);
            var open = await designations.OpenOfParticipantAsync(w, participant.Id, w.Now);
            var (ended, _) = await EndDesignationsAsync(w, open, "confidentiality breach: " + row.Reason, caller.Subject, row.Id);
            var breach = row.ToProto(ended.Select(d => d.Id));
            var revision = await w.AppendChangeAsync(ChangeKinds.Breach, row.Id, breach);
            return new RecordConfidentialityBreachResponse { Breach = breach, EndedDesignations = { ended }, Revision = revision };
        }, context.CancellationToken);
    }
}
