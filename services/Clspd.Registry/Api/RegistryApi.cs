using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>gRPC surface of the registry: read caller, validate, one transaction, map back.</summary>
public sealed class RegistryApi(
    Database database, CouncilStore councils, ParticipantStore participants, DesignationStore designations,
    CallerResolver callers, ChangeFollower feed, TimeProvider time) : RegistryService.RegistryServiceBase
{
    public override async Task<CreateCouncilResponse> CreateCouncil(CreateCouncilRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var v = new RequestValidator().RequestId(request.RequestId).Required("name", request.Name)
            .Known("kind", request.Kind)
            .MaxLength("controller_name", request.ControllerName, 200).MaxLength("coordinator_name", request.CoordinatorName, 200)
            .When(request.CommuneInseeCodes.Count == 0, "commune_insee_codes", "at least one INSEE code is required")
            .When(request.Kind == CouncilKind.Clspd && request.CommuneInseeCodes.Count > 1, "commune_insee_codes", "a CLSPD covers exactly one commune; use CISPD for several")
            .When(request.CommuneInseeCodes.Distinct().Count() != request.CommuneInseeCodes.Count, "commune_insee_codes", "contains duplicates");
        foreach (var code in request.CommuneInseeCodes.Where(c => !RegistryRules.IsInseeCode(c)))
        {
            v.Add("commune_insee_codes", $"'{Truncate(code)}' is not an INSEE commune code (5 characters)");
        }

        v.ThrowIfInvalid();
        if (!caller.IsBootstrapAdmin)
        {
            throw new PermissionDeniedException("REG-1", "only a bootstrap administrator may create a council");
        }

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateCouncilResponse.Parser, async w =>
        {
            var row = new CouncilRow
            {
                Id = NewId(w), Name = request.Name.Trim(), Kind = (int)request.Kind,
                ControllerName = request.ControllerName.Trim(), CoordinatorName = request.CoordinatorName.Trim(),
                CreatedAt = w.Now, CreatedBy = caller.Subject, Communes = [.. request.CommuneInseeCodes],
            };
            await councils.InsertCouncilAsync(w, row);
            var council = row.ToProto();
            var revision = await w.AppendChangeAsync("council", row.Id, council);
            return new CreateCouncilResponse { Council = council, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetCouncilResponse> GetCouncil(GetCouncilRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var council = await database.ReadAsync(c => councils.FindCouncilAsync(c, null, request.CouncilId, context.CancellationToken), context.CancellationToken)
            ?? throw new NotFoundException("council", request.CouncilId);
        return new GetCouncilResponse { Council = council.ToProto() };
    }

    public override async Task<CreateGroupResponse> CreateGroup(CreateGroupRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64)
            .Required("name", request.Name).Known("kind", request.Kind).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateGroupResponse.Parser, async w =>
        {
            _ = await councils.FindCouncilAsync(w.Connection, w.Transaction, request.CouncilId, w.CancellationToken)
                ?? throw new NotFoundException("council", request.CouncilId);
            await RequireCouncilManagerAsync(w, caller, request.CouncilId, "REG-2", "create a body");
            if (await councils.GroupNameTakenAsync(w, request.CouncilId, request.Name.Trim()))
            {
                throw new AlreadyExistsException($"the council already has a body named '{request.Name.Trim()}'");
            }

            var row = new GroupRow { Id = NewId(w), CouncilId = request.CouncilId, Name = request.Name.Trim(), Kind = (int)request.Kind, CreatedAt = w.Now };
            await councils.InsertGroupAsync(w, row);
            var group = row.ToProto();
            var revision = await w.AppendChangeAsync("group", row.Id, group);
            return new CreateGroupResponse { Group = group, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetGroupResponse> GetGroup(GetGroupRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("group_id", request.GroupId, 64).ThrowIfInvalid();
        var group = await database.ReadAsync(c => councils.FindGroupAsync(c, null, request.GroupId, context.CancellationToken), context.CancellationToken)
            ?? throw new NotFoundException("group", request.GroupId);
        return new GetGroupResponse { Group = group.ToProto() };
    }

    public override async Task<CreateInstitutionResponse> CreateInstitution(CreateInstitutionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("name", request.Name).Known("kind", request.Kind)
            .When(request.Siret.Length > 0 && (request.Siret.Length != 14 || !request.Siret.All(char.IsAsciiDigit)), "siret", "must be 14 digits")
            .ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateInstitutionResponse.Parser, async w =>
        {
            await RequireAnyManagerAsync(w, caller, "REG-3", "record an institution");
            if (await participants.InstitutionNameTakenAsync(w, request.Name.Trim()))
            {
                throw new AlreadyExistsException($"an institution named '{request.Name.Trim()}' already exists");
            }

            var row = new InstitutionRow { Id = NewId(w), Name = request.Name.Trim(), Kind = (int)request.Kind, Siret = request.Siret, CreatedAt = w.Now };
            await participants.InsertInstitutionAsync(w, row);
            var institution = row.ToProto();
            var revision = await w.AppendChangeAsync("institution", row.Id, institution);
            return new CreateInstitutionResponse { Institution = institution, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<RegisterParticipantResponse> RegisterParticipant(RegisterParticipantRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var v = new RequestValidator().RequestId(request.RequestId).Required("full_name", request.FullName)
            .Required("function", request.Function).Required("institution_id", request.InstitutionId, 64)
            .Required("email", request.Email).When(request.Email.Length > 0 && !request.Email.Contains('@', StringComparison.Ordinal), "email", "is not an e-mail address")
            .When(request.Subjects.Count == 0, "subjects", "at least one token subject is required")
            .When(request.Subjects.Distinct().Count() != request.Subjects.Count, "subjects", "contains duplicates");
        foreach (var subject in request.Subjects)
        {
            v.Required("subjects", subject, 200);
        }

        v.ThrowIfInvalid();
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, RegisterParticipantResponse.Parser, async w =>
        {
            await RequireAnyManagerAsync(w, caller, "REG-4", "register a participant");
            _ = await participants.FindInstitutionAsync(w.Connection, w.Transaction, request.InstitutionId, w.CancellationToken)
                ?? throw new NotFoundException("institution", request.InstitutionId);
            var taken = await participants.SubjectsTakenAsync(w, [.. request.Subjects]);
            if (taken.Count > 0)
            {
                throw new AlreadyExistsException($"token subject '{taken[0]}' already belongs to a participant");
            }

            var row = new ParticipantRow
            {
                Id = NewId(w), FullName = request.FullName.Trim(), JobFunction = request.Function.Trim(),
                InstitutionId = request.InstitutionId, Email = request.Email.Trim(), CreatedAt = w.Now, Subjects = [.. request.Subjects],
            };
            await participants.InsertParticipantAsync(w, row);
            var participant = row.ToProto();
            var revision = await w.AppendChangeAsync("participant", row.Id, participant);
            return new RegisterParticipantResponse { Participant = participant, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<DesignateResponse> Designate(DesignateRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var order = request.Order ?? new MayorOrder();
        var v = new RequestValidator().RequestId(request.RequestId)
            .Required("order.number", order.Number, 64).Required("order.signed_by", order.SignedBy)
            .Required("participant_id", request.ParticipantId, 64).Required("group_id", request.GroupId, 64)
            .Known("role", request.Role)
            .MaxLength("meeting_id", request.MeetingId, 64).MaxLength("case_ref", request.CaseRef, 64).MaxLength("measure_ref", request.MeasureRef, 64);
        v.ThrowIfInvalid();
        var orderDate = ProtoConvert.RequiredDate(order.Date, "order.date");
        var validFrom = ProtoConvert.RequiredInstant(request.ValidFrom, "valid_from");
        var validTo = ProtoConvert.RequiredInstant(request.ValidTo, "valid_to");
        var binding = RegistryRules.RoleBindingError(request.Role, request.MeetingId, request.CaseRef, request.MeasureRef);
        new RequestValidator()
            .When(validTo <= validFrom, "valid_to", "must be after valid_from")
            .When(binding is not null, binding?.Field ?? "", binding?.Description ?? "")
            .ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, DesignateResponse.Parser, async w =>
        {
            var group = await councils.FindGroupAsync(w.Connection, w.Transaction, request.GroupId, w.CancellationToken)
                ?? throw new NotFoundException("group", request.GroupId);
            await RequireCouncilManagerAsync(w, caller, group.CouncilId, "REG-4", "record a designation");
            if (!RegistryRules.MayHoldCases((GroupKind)group.Kind))
            {
                throw new RuleViolationException("REG-2", "plenary and restricted formations hold no cases: nobody is designated in them with case access", request.GroupId);
            }

            var participant = await participants.FindParticipantAsync(w.Connection, w.Transaction, request.ParticipantId, w.CancellationToken)
                ?? throw new NotFoundException("participant", request.ParticipantId);
            var institution = await participants.FindInstitutionAsync(w.Connection, w.Transaction, participant.InstitutionId, w.CancellationToken)
                ?? throw new NotFoundException("institution", participant.InstitutionId);

            var row = new DesignationRow
            {
                Id = NewId(w), ParticipantId = participant.Id, GroupId = group.Id, CouncilId = group.CouncilId, Role = (int)request.Role,
                OrderNumber = order.Number.Trim(), OrderDate = orderDate, OrderSignedBy = order.SignedBy.Trim(),
                ValidFrom = validFrom, ValidTo = validTo, MeetingId = request.MeetingId, CaseRef = request.CaseRef, MeasureRef = request.MeasureRef,
                CreatedAt = w.Now, CreatedBy = caller.Subject, InstitutionKind = institution.Kind, GroupKind = group.Kind,
            };
            await designations.InsertAsync(w, row);
            var designation = row.ToProto();
            var revision = await w.AppendChangeAsync("designation", row.Id, designation);
            var response = new DesignateResponse { Designation = designation, Revision = revision };
            if (RegistryRules.DesignationWarning((InstitutionKind)institution.Kind) is { } warning)
            {
                response.Warnings.Add(warning);
            }

            return response;
        }, context.CancellationToken);
    }

    public override async Task<ListSubjectDesignationsResponse> ListSubjectDesignations(ListSubjectDesignationsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject", request.Subject, 200).ThrowIfInvalid();
        if (!caller.IsService && !caller.IsBootstrapAdmin && !string.Equals(caller.Subject, request.Subject, StringComparison.Ordinal))
        {
            throw new PermissionDeniedException("REG-7", "a participant may list only their own designations here");
        }

        var at = ProtoConvert.InstantOr(request.At, "at", time.GetUtcNow());
        return await database.ReadAsync(async c =>
        {
            var ct = context.CancellationToken;
            var revision = await ChangeLog.CurrentRevisionAsync(c, ct);
            var response = new ListSubjectDesignationsResponse { Revision = revision };
            var participant = await participants.FindBySubjectAsync(c, request.Subject, ct);
            if (participant is not null)
            {
                response.Participant = participant.ToProto();
                response.Designations.Add((await designations.ValidForParticipantAsync(c, participant.Id, at, ct)).Select(d => d.ToProto()));
            }

            return response;
        }, context.CancellationToken);
    }

    public override async Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context)
    {
        callers.RequireService(context);
        new RequestValidator().When(request.FromRevision < 0, "from_revision", "must be zero or positive").ThrowIfInvalid();
        await foreach (var change in feed.FollowAsync(request.FromRevision, context.CancellationToken))
        {
            await responseStream.WriteAsync(ToWatchResponse(change), context.CancellationToken);
        }
    }

    internal static WatchResponse ToWatchResponse(ChangeRecord change)
    {
        var response = new WatchResponse { Revision = change.Revision, RecordedAt = change.RecordedAt.ToTimestamp() };
        switch (change.Kind)
        {
            case "council": response.Council = Council.Parser.ParseFrom(change.Payload); break;
            case "group": response.Group = Group.Parser.ParseFrom(change.Payload); break;
            case "institution": response.Institution = Institution.Parser.ParseFrom(change.Payload); break;
            case "participant": response.Participant = Participant.Parser.ParseFrom(change.Payload); break;
            case "designation": response.Designation = Designation.Parser.ParseFrom(change.Payload); break;
            default: break;
        }

        return response;
    }

    private async Task RequireCouncilManagerAsync(WriteContext w, Caller caller, string councilId, string ruleId, string what)
    {
        if (caller.IsBootstrapAdmin || await designations.IsCoordinatorAsync(w.Connection, w.Transaction, caller.Subject, councilId, w.Now, w.CancellationToken))
        {
            return;
        }

        throw new PermissionDeniedException(ruleId, $"only a bootstrap administrator or the council's coordinator may {what}");
    }

    private async Task RequireAnyManagerAsync(WriteContext w, Caller caller, string ruleId, string what)
    {
        if (caller.IsBootstrapAdmin || await designations.IsAnyCoordinatorAsync(w.Connection, w.Transaction, caller.Subject, w.Now, w.CancellationToken))
        {
            return;
        }

        throw new PermissionDeniedException(ruleId, $"only a bootstrap administrator or a council coordinator may {what}");
    }

    private static string NewId(WriteContext w) => Guid.CreateVersion7(w.Now).ToString();

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
