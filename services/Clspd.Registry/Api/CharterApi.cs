using Clspd.Registry.Authorization;
using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>gRPC surface of <c>CharterService</c>: charter versions, signatures and personal acceptances (REG-3).</summary>
public sealed class CharterApi(
    Database database, CouncilStore councils, ParticipantStore participants, CharterStore charters, StandingReader standings,
    CallerResolver callers, TimeProvider time) : CharterService.CharterServiceBase
{
    public override async Task<PublishCharterVersionResponse> PublishCharterVersion(PublishCharterVersionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64).Required("version", request.Version, 64)
            .When(!RegistryRules.IsSha256Hex(request.TextSha256), "text_sha256", "must be the SHA-256 of the text: 64 hexadecimal digits").ThrowIfInvalid();
        var date = ProtoConvert.RequiredDate(request.Date, "date");

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, PublishCharterVersionResponse.Parser, async w =>
        {
            await RequireCouncilAsync(w, request.CouncilId);
            RegistryPermissions.ManageCouncil(RegistryAction.PublishCharterVersion, await standings.InCouncilAsync(w, caller, request.CouncilId)).ThrowIfDenied();
            if (await charters.FindVersionAsync(w, request.CouncilId, request.Version.Trim()) is not null)
            {
                throw new AlreadyExistsException($"the council already published a charter version '{request.Version.Trim()}'");
            }

            var row = new CharterVersionRow
            {
                CouncilId = request.CouncilId, Version = request.Version.Trim(), CharterDate = date, TextSha256 = request.TextSha256.ToLowerInvariant(),
                PublishedAt = w.Now, PublishedBy = caller.Subject,
            };
            var version = row.ToProto();
            row.Revision = await w.AppendChangeAsync(ChangeKinds.CharterVersion, row.CouncilId + "/" + row.Version, version);
            await charters.InsertVersionAsync(w, row);
            return new PublishCharterVersionResponse { CharterVersion = version, Revision = row.Revision };
        }, context.CancellationToken);
    }

    public override async Task<ListCharterVersionsResponse> ListCharterVersions(ListCharterVersionsRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        return await database.ReadAsync(async s =>
        {
            _ = await councils.FindCouncilAsync(s, request.CouncilId) ?? throw new NotFoundException("council", request.CouncilId);
            var versions = await charters.VersionsAsync(s, request.CouncilId);
            return new ListCharterVersionsResponse { Versions = { versions.Select(v => v.ToProto()) } };
        }, context.CancellationToken);
    }

    public override async Task<SignCharterResponse> SignCharter(SignCharterRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64).Required("version", request.Version, 64)
            .Required("institution_id", request.InstitutionId, 64).Required("signatory_name", request.SignatoryName)
            .Required("signatory_function", request.SignatoryFunction).ThrowIfInvalid();
        var signedOn = ProtoConvert.RequiredDate(request.SignedOn, "signed_on");
        new RequestValidator().When(signedOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), "signed_on", "is in the future").ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, SignCharterResponse.Parser, async w =>
        {
            await RequireCouncilAsync(w, request.CouncilId);
            RegistryPermissions.ManageCouncil(RegistryAction.SignCharter, await standings.InCouncilAsync(w, caller, request.CouncilId)).ThrowIfDenied();
            var version = await RequireVersionAsync(w, request.CouncilId, request.Version);
            _ = await participants.FindInstitutionAsync(w, request.InstitutionId)
                ?? throw new InvalidRequestException("institution_id", "names no institution");
            if (await charters.SignatureAsync(w, version.CouncilId, version.Version, request.InstitutionId, DateTimeOffset.MaxValue) is not null)
            {
                throw new AlreadyExistsException($"the institution already signed charter version '{version.Version}'");
            }

            var row = new CharterSignatureRow
            {
                Id = Guid.CreateVersion7(w.Now).ToString(), CouncilId = version.CouncilId, Version = version.Version, InstitutionId = request.InstitutionId,
                SignedOn = signedOn, SignatoryName = request.SignatoryName.Trim(), SignatoryFunction = request.SignatoryFunction.Trim(),
                RecordedAt = w.Now, RecordedBy = caller.Subject,
            };
            await charters.InsertSignatureAsync(w, row);
            var signature = row.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.CharterSignature, row.Id, signature);
            return new SignCharterResponse { Signature = signature, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<AcceptCharterResponse> AcceptCharter(AcceptCharterRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64).Required("version", request.Version, 64)
            .When(!request.AccessTracedAcknowledged, "access_traced_acknowledged", "must be true: accepting the charter includes acknowledging that every access is traced (REG-3)")
            .ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, AcceptCharterResponse.Parser, async w =>
        {
            var participant = await participants.FindBySubjectAsync(w, caller.Subject) ?? throw CharterRules.NotRegisteredParticipant.ToDenial();
            await RequireCouncilAsync(w, request.CouncilId);
            var version = await RequireVersionAsync(w, request.CouncilId, request.Version);
            if (await charters.AcceptanceAsync(w, version.CouncilId, version.Version, participant.Id, DateTimeOffset.MaxValue) is not null)
            {
                throw new AlreadyExistsException($"you already accepted charter version '{version.Version}'");
            }

            var row = new CharterAcceptanceRow
            {
                Id = Guid.CreateVersion7(w.Now).ToString(), CouncilId = version.CouncilId, Version = version.Version, ParticipantId = participant.Id,
                AccessTracedAcknowledged = true, AcceptedAt = w.Now, Subject = caller.Subject,
            };
            await charters.InsertAcceptanceAsync(w, row);
            var acceptance = row.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.CharterAcceptance, row.Id, acceptance);
            return new AcceptCharterResponse { Acceptance = acceptance, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetCharterStatusResponse> GetCharterStatus(GetCharterStatusRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).Required("participant_id", request.ParticipantId, 64).ThrowIfInvalid();
        return await database.ReadAsync(async s =>
        {
            _ = await councils.FindCouncilAsync(s, request.CouncilId) ?? throw new NotFoundException("council", request.CouncilId);
            var participant = await participants.FindParticipantAsync(s, request.ParticipantId) ?? throw new NotFoundException("participant", request.ParticipantId);
            var standing = await standings.InCouncilAsync(s, caller, request.CouncilId) with { IsTheParticipant = participant.Subjects.Contains(caller.Subject) };
            RegistryPermissions.ReadCharterStatus(standing).ThrowIfDenied();
            var state = await charters.StateAsync(s, request.CouncilId, participant.InstitutionId, participant.Id, s.Now);
            return new GetCharterStatusResponse
            {
                Current = state.Current?.ToProto(), InstitutionSignature = state.Signature?.ToProto(),
                ParticipantAcceptance = state.Acceptance?.ToProto(), Sufficient = state.Sufficient,
            };
        }, context.CancellationToken);
    }

    private async Task RequireCouncilAsync(StoreSession w, string councilId) =>
        _ = await councils.FindCouncilAsync(w, councilId)
            ?? throw new InvalidRequestException("council_id", "names no council");

    private async Task<CharterVersionRow> RequireVersionAsync(StoreSession w, string councilId, string version) =>
        await charters.FindVersionAsync(w, councilId, version.Trim())
            ?? throw new InvalidRequestException("version", "names no charter version published by this council");
}
