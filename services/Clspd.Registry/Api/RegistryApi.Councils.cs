using Clspd.Registry.Authorization;
using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>Councils and their officers (REG-1).</summary>
public sealed partial class RegistryApi
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
        RegistryPermissions.CreateCouncil(StandingReader.Of(caller)).ThrowIfDenied();

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
            var revision = await w.AppendChangeAsync(ChangeKinds.Council, row.Id, council);
            foreach (var (office, name) in new[] { (CouncilOffice.Controller, row.ControllerName), (CouncilOffice.Coordinator, row.CoordinatorName) })
            {
                if (name.Length > 0)
                {
                    await councils.InsertOfficerChangeAsync(w, new OfficerChangeRow
                    {
                        Id = NewId(w), CouncilId = row.Id, Office = (int)office, NewName = name, Reason = "named when the council was created",
                        ChangedAt = w.Now, ChangedBy = caller.Subject, Revision = revision,
                    });
                }
            }

            return new CreateCouncilResponse { Council = council, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetCouncilResponse> GetCouncil(GetCouncilRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var council = await database.ReadAsync(s => councils.FindCouncilAsync(s, request.CouncilId), context.CancellationToken)
            ?? throw new NotFoundException("council", request.CouncilId);
        return new GetCouncilResponse { Council = council.ToProto() };
    }

    public override async Task<SetCouncilOfficerResponse> SetCouncilOfficer(SetCouncilOfficerRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64)
            .Known("office", request.Office).Required("name", request.Name).MaxLength("reason", request.Reason, 500).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, SetCouncilOfficerResponse.Parser, async w =>
        {
            var before = await councils.FindCouncilAsync(w, request.CouncilId)
                ?? throw new NotFoundException("council", request.CouncilId);
            RegistryPermissions.ManageCouncil(RegistryAction.NameOfficer, await standings.InCouncilAsync(w, caller, before.Id)).ThrowIfDenied();
            var name = request.Name.Trim();
            var previous = request.Office == CouncilOffice.Controller ? before.ControllerName : before.CoordinatorName;
            if (string.Equals(previous, name, StringComparison.Ordinal))
            {
                throw new AlreadyExistsException($"'{name}' already holds this office");
            }

            var row = new OfficerChangeRow
            {
                Id = NewId(w), CouncilId = before.Id, Office = (int)request.Office, PreviousName = previous, NewName = name,
                Reason = request.Reason.Trim(), ChangedAt = w.Now, ChangedBy = caller.Subject,
            };
            var after = new CouncilRow
            {
                Id = before.Id, Name = before.Name, Kind = before.Kind, CreatedAt = before.CreatedAt, CreatedBy = before.CreatedBy, Communes = before.Communes,
                ControllerName = request.Office == CouncilOffice.Controller ? name : before.ControllerName,
                CoordinatorName = request.Office == CouncilOffice.Coordinator ? name : before.CoordinatorName,
            }.ToProto();
            var change = row.ToProto(after.ReadyForNominativeProcessing);
            row.Revision = await w.AppendChangeAsync(ChangeKinds.CouncilOfficer, row.Id, change);
            await councils.SetOfficerAsync(w, row);
            var revision = await w.AppendChangeAsync(ChangeKinds.Council, after.Id, after);
            return new SetCouncilOfficerResponse { Council = after, Change = change, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<ListCouncilOfficerChangesResponse> ListCouncilOfficerChanges(ListCouncilOfficerChangesRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        return await database.ReadAsync(async s =>
        {
            var council = await councils.FindCouncilAsync(s, request.CouncilId) ?? throw new NotFoundException("council", request.CouncilId);
            RegistryPermissions.ReadOfficerHistory(await standings.InCouncilAsync(s, caller, council.Id)).ThrowIfDenied();

            // Readiness after each change, replayed from the start.
            var controller = "";
            var coordinator = "";
            var response = new ListCouncilOfficerChangesResponse();
            foreach (var row in await councils.OfficerChangesAsync(s, council.Id))
            {
                (controller, coordinator) = row.Office == (int)CouncilOffice.Controller ? (row.NewName, coordinator) : (controller, row.NewName);
                response.Changes.Add(row.ToProto(RegistryRules.IsReady(controller, coordinator)));
            }

            return response;
        }, context.CancellationToken);
    }
}
