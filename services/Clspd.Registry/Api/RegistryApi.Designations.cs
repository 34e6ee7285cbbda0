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
            var ct = w.CancellationToken;
            var group = Ref(await councils.FindGroupAsync(w.Connection, w.Transaction, request.GroupId, ct), "group_id", "group");
            await permissions.RequireCouncilManagerAsync(w, caller, group.CouncilId, "REG-4", "record a designation");
            RequireOpenNominativeBody(group);
            var participant = Ref(await participants.FindParticipantAsync(w.Connection, w.Transaction, request.ParticipantId, ct), "participant_id", "participant");
            var institution = (await participants.FindInstitutionAsync(w.Connection, w.Transaction, participant.InstitutionId, ct))!;
            if (request.Role == Role.OccasionalAttendee)
            {
                var meeting = Ref(await meetings.FindAsync(w.Connection, w.Transaction, request.MeetingId, ct), "meeting_id", "meeting");
                new RequestValidator().When(meeting.GroupId != group.Id, "meeting_id", "is a meeting of another group").ThrowIfInvalid();
                if (!RegistryRules.CoversDay(validFrom, validTo, null, meeting.MeetingDate))
                {
                    throw new RuleViolationException("REG-4", $"an occasional attendee is designated for the meeting of {meeting.MeetingDate:yyyy-MM-dd}: the validity must include that day", meeting.Id);
                }
            }

            if (!RegistryRules.IsOrderAfterBreach(orderDate, await designations.LastBreachAtAsync(w.Connection, w.Transaction, participant.Id, ct)))
            {
                throw new RuleViolationException("REG-5", "a confidentiality breach was recorded against this participant: only a new mayor's order, dated on or after the breach, designates them again", participant.Id);
            }

            var charter = await charters.StateAsync(w.Connection, w.Transaction, group.CouncilId, institution.Id, participant.Id, w.Now, ct);
            if (RegistryRules.CharterShortfall(charter.Current?.Version, charter.Signature is not null, charter.Acceptance is not null) is { } shortfall)
            {
                throw new RuleViolationException("REG-3", shortfall, participant.Id);
            }

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
            var row = await designations.FindAsync(w.Connection, w.Transaction, request.DesignationId, w.CancellationToken);
            await permissions.RequireCouncilManagerAsync(w, caller, row?.CouncilId, "REG-5", "revoke a designation");
            if (row is null)
            {
                throw new NotFoundException("designation", request.DesignationId);
            }

            if (!RegistryRules.IsOpenAt(row.ValidTo, row.RevokedAt, w.Now))
            {
                throw new RuleViolationException("REG-5", row.RevokedAt is null ? "the designation has already expired" : "the designation is already revoked", row.Id);
            }

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
            Ref(await councils.FindCouncilAsync(w.Connection, w.Transaction, request.CouncilId, w.CancellationToken), "council_id", "council");
            await permissions.RequireCouncilManagerAsync(w, caller, request.CouncilId, "REG-5", "record a confidentiality breach");
            var participant = Ref(await participants.FindParticipantAsync(w.Connection, w.Transaction, request.ParticipantId, w.CancellationToken), "participant_id", "participant");

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
