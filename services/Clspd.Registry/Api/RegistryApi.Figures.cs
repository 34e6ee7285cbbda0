using Clspd.Registry.Domain;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>REC-11: a council's aggregate figures for the evaluation and the charter-application report records publishes.</summary>
public sealed partial class RegistryApi
{
    public override async Task<GetCouncilFiguresResponse> GetCouncilFigures(GetCouncilFiguresRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var from = ProtoConvert.RequiredInstant(request.From, "from");
        var to = ProtoConvert.RequiredInstant(request.To, "to");
        new RequestValidator().When(to <= from, "to", "must be after from").ThrowIfInvalid();
        var ct = context.CancellationToken;
        return await database.ReadAsync(async s =>
        {
            _ = await councils.FindCouncilAsync(s, request.CouncilId) ?? throw new NotFoundException("council", request.CouncilId);
            RegistryPermissions.ReadFigures(await standings.InCouncilAsync(s, caller, request.CouncilId)).ThrowIfDenied();

            var charter = await figures.CharterAsync(s, request.CouncilId, from, to);
            return new GetCouncilFiguresResponse
            {
                Composition =
                {
                    (await figures.CompositionAsync(s, request.CouncilId, from, to)).Select(r => new GroupCompositionCount
                    {
                        GroupId = r.GroupId, GroupName = r.GroupName, GroupKind = (GroupKind)r.GroupKind, InstitutionKind = (InstitutionKind)r.InstitutionKind,
                        Participants = (int)r.Participants,
                    }),
                },
                CharterVersionsPublished = (int)charter.CharterVersionsPublished, InstitutionsSigned = (int)charter.InstitutionsSigned,
                ParticipantsAccepted = (int)charter.ParticipantsAccepted, DesignationsMade = (int)charter.DesignationsMade,
                DesignationsRevoked = (int)charter.DesignationsRevoked, ConfidentialityBreaches = (int)charter.ConfidentialityBreaches,
            };
        }, ct);
    }
}
