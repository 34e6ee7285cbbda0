using Clspd.Consent.Authorization;
using Clspd.Consent.Domain;
using Clspd.Consent.Feeds;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>Subjects as consent knows them: opaque references only, kept in sync by records.</summary>
public sealed class SubjectApi(Database database, SubjectStore subjects, ErasureStore erasures, CallerResolver callers, ConsentAuthorizer authorizer)
    : SubjectService.SubjectServiceBase
{
    private const int MaxRepresentatives = 4;
    private const int MaxGroups = 50;

    public override async Task<PutSubjectResponse> PutSubject(PutSubjectRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var validator = new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .When(request.LegalRepresentativeRefs.Count > MaxRepresentatives, "legal_representative_refs", $"at most {MaxRepresentatives}")
            .When(request.GroupIds.Count > MaxGroups, "group_ids", $"at most {MaxGroups}").MaxLength("council_id", request.CouncilId, 64);
        References(validator, "legal_representative_refs", request.LegalRepresentativeRefs, request.SubjectRef);
        References(validator, "group_ids", request.GroupIds, null);
        validator.ThrowIfInvalid();
        DateOnly? minorUntil = request.MinorUntil is null ? null : ProtoConvert.RequiredDate(request.MinorUntil, "minor_until");
        var ct = context.CancellationToken;
        // With communes configured, the council the subject is registered with decides who may re-register it (ACC-1).
        var knownCouncil = authorizer.CouncilsVisibleTo(caller) is null ? null : await database.ReadAsync(s => subjects.CouncilOfAsync(s, request.SubjectRef), ct);
        authorizer.EnsureMayRegisterSubject(caller, knownCouncil, request.CouncilId);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(request.SubjectRef);
        return await database.WriteOnceAsync(key, PutSubjectResponse.Parser, async w =>
        {
            SubjectRow Row(long revision) => new()
            {
                SubjectRef = request.SubjectRef, MinorUntil = minorUntil, UpdatedBy = caller.Subject, UpdatedAt = w.Now, Revision = revision,
                LegalRepresentatives = [.. request.LegalRepresentativeRefs], Groups = [.. request.GroupIds], CouncilId = request.CouncilId,
            };

            var revision = await w.AppendChangeAsync("subject", request.SubjectRef, Row(0).ToProto());
            var row = Row(revision);
            await subjects.PutAsync(w, row);
            return new PutSubjectResponse { Subject = row.ToProto(), Revision = revision };
        }, ct);
    }

    public override async Task<GetSubjectResponse> GetSubject(GetSubjectRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await database.ReadAsync(s => subjects.FindAsync(s, request.SubjectRef), ct);
        await authorizer.EnsureMayReadAsync(caller, row?.Groups, row?.CouncilId, null, ConsentReading.Record, ct);
        return new GetSubjectResponse { Subject = (row ?? throw new NotFoundException("subject", request.SubjectRef)).ToProto() };
    }

    public override async Task<EraseSubjectResponse> EraseSubject(EraseSubjectRequest request, ServerCallContext context)
    {
        // REC-7: only the records service, which destroyed the person, erases them here.
        var caller = callers.RequireService(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64).ThrowIfInvalid();
        var visible = authorizer.CouncilsVisibleTo(caller);
        var (erased, informings, decisions) = await database.WriteAsync(async w =>
        {
            var council = await subjects.CouncilOfAsync(w, request.SubjectRef);
            if (council is not null && !CommuneScope.Sees(visible, council))
            {
                // ACC-1: another commune's subject is, for this caller, one consent holds nothing about.
                return (false, 0, 0);
            }

            var done = await erasures.EraseAsync(w, request.SubjectRef);
            if (done.Erased)
            {
                // Moves the revision (cached states are read again) and tells followers to forget, naming no one;
                // the change's entity is the council, so that only its commune is told (minimal feeds).
                await w.AppendChangeAsync(ErasureChange, council ?? "", new SubjectErased());
            }

            return done;
        }, context.CancellationToken);
        return new EraseSubjectResponse { Erased = erased, InformingsErased = informings, DecisionsErased = decisions };
    }

    /// <summary>The change-feed kind of an erasure (it carries no reference).</summary>
    public const string ErasureChange = FeedScope.ErasureKind;

    private static void References(RequestValidator validator, string field, Google.Protobuf.Collections.RepeatedField<string> values, string? notEqualTo)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var path = $"{field}[{i}]";
            validator.Required(path, values[i], 64)
                .When(!seen.Add(values[i]), path, "is listed twice")
                .When(notEqualTo is not null && values[i] == notEqualTo, path, "may not be the subject itself");
        }
    }
}
