using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Registry.Api;

/// <summary>Partner institutions and their participants.</summary>
public sealed partial class RegistryApi
{
    public override async Task<CreateInstitutionResponse> CreateInstitution(CreateInstitutionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("name", request.Name).Known("kind", request.Kind)
            .When(request.Siret.Length > 0 && (request.Siret.Length != 14 || !request.Siret.All(char.IsAsciiDigit)), "siret", "must be 14 digits")
            .ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateInstitutionResponse.Parser, async w =>
        {
            RegistryPermissions.ManageAnyCouncil(RegistryAction.RecordInstitution, await standings.InAnyCouncilAsync(w, caller)).ThrowIfDenied();
            if (await participants.InstitutionNameTakenAsync(w, request.Name.Trim()))
            {
                throw new AlreadyExistsException($"an institution named '{request.Name.Trim()}' already exists");
            }

            var row = new InstitutionRow { Id = NewId(w), Name = request.Name.Trim(), Kind = (int)request.Kind, Siret = request.Siret, CreatedAt = w.Now };
            await participants.InsertInstitutionAsync(w, row);
            var institution = row.ToProto();
            var revision = await w.AppendChangeAsync(ChangeKinds.Institution, row.Id, institution);
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
            RegistryPermissions.ManageAnyCouncil(RegistryAction.RegisterParticipant, await standings.InAnyCouncilAsync(w, caller)).ThrowIfDenied();
            Ref(await participants.FindInstitutionAsync(w, request.InstitutionId), "institution_id", "institution");
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
            var revision = await w.AppendChangeAsync(ChangeKinds.Participant, row.Id, participant);
            return new RegisterParticipantResponse { Participant = participant, Revision = revision };
        }, context.CancellationToken);
    }
}
