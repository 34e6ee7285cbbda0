using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.SubjectRights;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>
/// REC-10: the person's own file with who accessed it, the coordinator's export with a reason, and
/// rectification with a trail. Every case involved is an audited access decision; so is the export
/// of a person who holds no case (ACCESS_ACTION_EXPORT_SUBJECT_FILE).
/// </summary>
public sealed class SubjectRightsApi(
    Database database, SubjectFiles files, CaseStore cases, PersonStore persons, CaseExport export, AccessPeer access, ConsentPeer consent, CallerResolver callers,
    TimeProvider time)
    : SubjectRightsService.SubjectRightsServiceBase
{
    public override async Task<ExportSubjectFileResponse> ExportSubjectFile(ExportSubjectFileRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var (person, rows) = await files.PersonWithCasesAsync(caller, request.SubjectRef, requireCases: false, ct);
        var decisions = await files.DecideAllAsync(caller, rows, AccessAction.ExportCase, ArchiveOpeningReason.SubjectAccessRequest.ToString(), ct);
        if (rows.Count == 0)
        {
            // With no case left, access decides and audits the export of the person's file itself (ACC-4): a deny
            // is PermissionDenied with its rules, no answer is Unavailable, and neither returns any data.
            await access.RequireAllowedAsync(new CheckRequest
            {
                Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.ExportSubjectFile, View = View.Named,
                Resource = new CaseResource { SubjectRef = person.SubjectRef, CouncilId = person.CouncilId },
                Justification = ArchiveOpeningReason.SubjectAccessRequest.ToString(),
            }, ct);
        }

        var response = await database.ReadAsync(async s =>
        {
            var file = PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(s, person) ?? throw new NotFoundException("person identity", person.SubjectRef));
            var reply = new ExportSubjectFileResponse { Person = file, NoCaseHeld = rows.Count == 0 };
            var identity = CaseViews.IdentityOf(file.ToByteArray());
            for (var i = 0; i < rows.Count; i++)
            {
                reply.Cases.Add(await export.ExportAsync(s, rows[i], person, identity, Today(), decisions[i]));
            }

            reply.Rectifications.AddRange((await persons.RectificationsAsync(s, person.SubjectRef)).Select(r => new RectificationRecord
            {
                At = r.RectifiedAt.ToTimestamp(), By = r.RectifiedBy, Fields = { r.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries) },
            }));
            return reply;
        }, ct);
        response.Accesses.AddRange((await access.AccessesToAsync(person.SubjectRef, ct)).Select(e => new AccessRecord
        {
            At = e.DecidedAt, Principal = e.Principal, Role = e.Role, Action = (int)e.Action, CaseId = e.Resource?.CaseId ?? "",
            Allowed = e.Outcome == Outcome.Allow, RuleIds = { e.RuleIds },
        }));
        return response;
    }

    public override async Task<ExportCasesResponse> ExportCases(ExportCasesRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).MaxLength("group_id", request.GroupId, 64).Known("reason", request.Reason)
            .When(request.PageSize is < 0 or > 100, "page_size", "must be 1..100 (0 for 100)").MaxLength("after_case_id", request.AfterCaseId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var ids = await database.ReadAsync(s => cases.ActiveOfCouncilAsync(s, request.CouncilId, request.GroupId, request.AfterCaseId, size), ct);
        var response = new ExportCasesResponse { NextAfterCaseId = ids.Count == size ? ids[^1] : "" };
        foreach (var id in ids)
        {
            var row = await database.ReadAsync(s => cases.FindAsync(s, id), ct) ?? throw new NotFoundException("case", id);
            var decision = await files.DecideAsync(caller, row, AccessAction.ExportCase, request.Reason.ToString(), ct);
            response.Cases.Add(await database.ReadAsync(async s =>
            {
                var person = await persons.FindAsync(s, row.SubjectRef) ?? throw new NotFoundException("person", row.SubjectRef);
                var identity = await persons.OpenIdentityAsync(s, person);
                return await export.ExportAsync(s, row, person, identity is null ? null : CaseViews.IdentityOf(identity), Today(), decision.DecisionId);
            }, ct));
        }

        return response;
    }

    public override async Task<RectifyIdentityResponse> RectifyIdentity(RectifyIdentityRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var fields = Rectification.Validate(request);
        var ct = context.CancellationToken;
        var (person, rows) = await files.PersonWithCasesAsync(caller, request.SubjectRef, requireCases: true, ct);
        var decisions = await files.DecideAllAsync(caller, rows, AccessAction.RectifyIdentity, ArchiveOpeningReason.RectificationRequest.ToString(), ct);
        var (file, groups) = await database.ReadAsync(async s => (
            PersonFile.Parser.ParseFrom(await persons.OpenIdentityAsync(s, person) ?? throw new NotFoundException("person identity", person.SubjectRef)),
            await cases.GroupsOfSubjectAsync(s, person.SubjectRef)), ct);
        Rectification.Apply(file, request.Identity, fields);
        var birthDate = ProtoConvert.RequiredDate(file.BirthDate, "identity.birth_date");
        if (fields.Contains("birth_date"))
        {
            // Consent knows until when the person is a minor: it learns the rectified date first.
            await consent.SyncSubjectAsync(person.SubjectRef, person.CouncilId, birthDate.AddYears(PersonRules.MajorityAge), file.LegalRepresentativeRefs, groups, ct);
        }

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(person.SubjectRef);
        return await database.WriteOnceAsync(key, RectifyIdentityResponse.Parser, async w =>
        {
            await persons.RectifyAsync(w, person.SubjectRef, file.ToByteArray(), PersonRules.TwentyFifthBirthday(birthDate), fields, caller.Subject);
            await w.AppendChangeAsync("person", person.SubjectRef, new CreatePersonResponse { SubjectRef = person.SubjectRef });
            return new RectifyIdentityResponse { DecisionIds = { decisions }, Fields = { fields } };
        }, ct);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
