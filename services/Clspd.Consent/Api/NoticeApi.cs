using Clspd.Consent.Authorization;
using Clspd.Consent.Domain;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>Information notices (CON-1): draft, publish (all mandatory items or refused), read, render in French.</summary>
public sealed class NoticeApi(
    Database database, NoticeStore notices, SubjectStore subjects, CallerResolver callers, ConsentAuthorizer authorizer, TimeProvider time)
    : NoticeService.NoticeServiceBase
{
    public override async Task<CreateNoticeDraftResponse> CreateNoticeDraft(CreateNoticeDraftRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var validator = new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64);
        Content(validator, request.Content).ThrowIfInvalid();
        authorizer.EnsureMayEditNotices(caller);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, CreateNoticeDraftResponse.Parser, async w =>
        {
            var row = (request.Content ?? new NoticeContent()).ToRow(Guid.CreateVersion7(w.Now).ToString(), request.CouncilId, caller.Subject, w.Now, w.Now);
            await notices.InsertAsync(w, row);
            return new CreateNoticeDraftResponse { Notice = row.ToProto() };
        }, context.CancellationToken);
    }

    public override async Task<UpdateNoticeDraftResponse> UpdateNoticeDraft(UpdateNoticeDraftRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var validator = new RequestValidator().RequestId(request.RequestId).Required("notice_id", request.NoticeId, 36);
        Content(validator, request.Content).ThrowIfInvalid();
        authorizer.EnsureMayEditNotices(caller);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, UpdateNoticeDraftResponse.Parser, async w =>
        {
            var existing = await RequireDraftAsync(w, request.NoticeId);
            var row = (request.Content ?? new NoticeContent()).ToRow(existing.Id, existing.CouncilId, existing.CreatedBy, existing.CreatedAt, w.Now);
            if (!await notices.UpdateDraftAsync(w, row))
            {
                NoticeRules.Editable(request.NoticeId, isDraft: false).ThrowIfAny();
            }

            return new UpdateNoticeDraftResponse { Notice = row.ToProto() };
        }, context.CancellationToken);
    }

    public override async Task<PublishNoticeResponse> PublishNotice(PublishNoticeRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("notice_id", request.NoticeId, 36).ThrowIfInvalid();
        authorizer.EnsureMayEditNotices(caller);

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, PublishNoticeResponse.Parser, async w =>
        {
            var draft = await RequireDraftAsync(w, request.NoticeId);
            var content = draft.ToContent();
            if (NoticeRules.Publishable(content) is { } refusal)
            {
                // One violation per missing item, under the one refusal.
                throw new RuleViolationException(refusal.RuleId, refusal.Sentence,
                    [.. NoticeRules.MissingItems(content).Select(m => new FieldError("content." + m.Field, $"{m.Description} is missing"))]);
            }

            if (await notices.PublishAsync(w, draft.Id, draft.CouncilId, caller.Subject) == 0)
            {
                NoticeRules.Editable(request.NoticeId, isDraft: false).ThrowIfAny();
            }

            var published = await notices.FindAsync(w, draft.Id);
            return new PublishNoticeResponse { Notice = published!.ToProto() };
        }, context.CancellationToken);
    }

    public override async Task<GetNoticeResponse> GetNotice(GetNoticeRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("notice_id", request.NoticeId, 36).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await database.ReadAsync(s => notices.FindAsync(s, request.NoticeId), ct);
        return new GetNoticeResponse { Notice = (row ?? throw new NotFoundException("notice", request.NoticeId)).ToProto() };
    }

    public override async Task<ListNoticesResponse> ListNotices(ListNoticesRequest request, ServerCallContext context)
    {
        callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var rows = await database.ReadAsync(s => notices.ListAsync(s, request.CouncilId, request.PublishedOnly), ct);
        return new ListNoticesResponse { Notices = { rows.Select(r => r.ToProto()) } };
    }

    public override async Task<RenderNoticeResponse> RenderNotice(RenderNoticeRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("notice_id", request.NoticeId, 36).MaxLength("subject_ref", request.SubjectRef, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await database.ReadAsync(s => notices.FindAsync(s, request.NoticeId), ct)
            ?? throw new NotFoundException("notice", request.NoticeId);
        var minor = false;
        if (!string.IsNullOrEmpty(request.SubjectRef))
        {
            var subject = await database.ReadAsync(s => subjects.FindAsync(s, request.SubjectRef), ct);
            await authorizer.EnsureMayReadAsync(caller, subject?.Groups, subject?.CouncilId, null, ConsentReading.Notice, ct);
            minor = (subject ?? throw new NotFoundException("subject", request.SubjectRef)).ToFacts().IsMinorAt(time.GetUtcNow());
        }

        var rendering = NoticeRenderer.Render(row.ToContent(), row.Version, row.PublishedAt, request.SubjectRef, minor);
        return new RenderNoticeResponse { Text = rendering.Text, Html = rendering.Html, Notice = row.ToProto() };
    }

    private async Task<NoticeRow> RequireDraftAsync(StoreSession w, string id)
    {
        var row = await notices.FindAsync(w, id) ?? throw new NotFoundException("notice", id);
        NoticeRules.Editable(id, row.Status == NoticeStore.Draft).ThrowIfAny();
        return row;
    }

    private static RequestValidator Content(RequestValidator validator, NoticeContent? content)
    {
        if (content is null)
        {
            return validator;
        }

        validator.MaxLength("content.title", content.Title, 200);
        foreach (var item in NoticeRules.Items)
        {
            validator.MaxLength("content." + item.Field, item.Value(content), NoticeRules.MaxItemLength);
        }

        return validator;
    }
}
