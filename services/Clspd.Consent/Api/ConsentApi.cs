using Clspd.Consent.Domain;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>gRPC surface of the consent service: read caller, validate, one transaction, map back.</summary>
public sealed class ConsentApi(Database database, ConsentStore store, CallerResolver callers, ChangeFollower feed, TimeProvider time)
    : ConsentService.ConsentServiceBase
{
    public override async Task<RecordInformingResponse> RecordInforming(RecordInformingRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .MaxLength("party_ref", request.PartyRef, 64).Known("channel", request.Channel)
            .Required("notice_version", request.NoticeVersion, 64).ThrowIfInvalid();
        var now = time.GetUtcNow();
        var informedAt = ProtoConvert.InstantOr(request.InformedAt, "informed_at", now);
        new RequestValidator().When(informedAt > now, "informed_at", "may not be in the future (CON-2)").ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, RecordInformingResponse.Parser, async w =>
        {
            var row = new InformingRow
            {
                Id = Guid.CreateVersion7(w.Now).ToString(), SubjectRef = request.SubjectRef,
                PartyRef = string.IsNullOrEmpty(request.PartyRef) ? request.SubjectRef : request.PartyRef,
                InformedAt = informedAt, InformedBy = caller.Subject, Channel = (int)request.Channel,
                NoticeVersion = request.NoticeVersion, RecordedAt = w.Now,
            };
            await store.InsertInformingAsync(w, row);
            var informing = row.ToProto();
            var revision = await w.AppendChangeAsync("informing", row.Id, informing);
            return new RecordInformingResponse { Informing = informing, Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<RecordDecisionResponse> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .Known("purpose", request.Purpose).Known("decision", request.Decision)
            .When(request.Purpose == Purpose.NamedDiscussion && string.IsNullOrWhiteSpace(request.GroupId), "group_id", "is required for NAMED_DISCUSSION (CON-3)")
            .MaxLength("group_id", request.GroupId, 64).MaxLength("decided_by_ref", request.DecidedByRef, 64)
            .Required("evidence", request.Evidence).Required("notice_version", request.NoticeVersion, 64).ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, RecordDecisionResponse.Parser, async w =>
        {
            var decidedBy = string.IsNullOrEmpty(request.DecidedByRef) ? request.SubjectRef : request.DecidedByRef;
            if (!await store.WasInformedAsync(w.Connection, w.Transaction, request.SubjectRef, decidedBy, w.Now, w.CancellationToken))
            {
                throw new RuleViolationException("CON-3", "no decision without prior informing: record that the decider was informed first", decidedBy);
            }

            var id = Guid.CreateVersion7(w.Now).ToString();
            var groupId = ConsentRules.GroupKeyFor(request.Purpose, request.GroupId);
            var row = new DecisionRow
            {
                Id = id, SubjectRef = request.SubjectRef, Purpose = (int)request.Purpose, GroupId = groupId, Decision = (int)request.Decision,
                DecidedByRef = decidedBy, Evidence = request.Evidence.Trim(), NoticeVersion = request.NoticeVersion, DecidedAt = w.Now,
                RecordedBy = caller.Subject,
                ContentSha256 = ConsentRules.ContentHash(id, request.SubjectRef, request.Purpose, groupId, request.Decision, decidedBy,
                    request.Evidence.Trim(), request.NoticeVersion, w.Now),
            };
            await store.InsertDecisionAsync(w, row);
            var decision = row.ToProto();
            var revision = await w.AppendChangeAsync("decision", id, decision);
            return new RecordDecisionResponse { Decision = decision, Receipt = row.ToReceipt(), Revision = revision };
        }, context.CancellationToken);
    }

    public override async Task<GetConsentStateResponse> GetConsentState(GetConsentStateRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64).Known("purpose", request.Purpose)
            .When(request.Purpose == Purpose.NamedDiscussion && string.IsNullOrWhiteSpace(request.GroupId), "group_id", "is required for NAMED_DISCUSSION")
            .ThrowIfInvalid();
        if (!caller.IsService && !caller.IsBootstrapAdmin)
        {
            throw new PermissionDeniedException("CON-4", "consent states are read by the platform's services and administrators");
        }

        var at = ProtoConvert.InstantOr(request.At, "at", time.GetUtcNow());
        return await database.ReadAsync(async c =>
        {
            var ct = context.CancellationToken;
            var revision = await ChangeLog.CurrentRevisionAsync(c, ct);
            var rows = await store.DecisionsAsync(c, request.SubjectRef, (int)request.Purpose, ConsentRules.GroupKeyFor(request.Purpose, request.GroupId), ct);
            var (state, reason) = ConsentRules.StateAt(rows.Select(r => new ConsentRules.DecisionFact((Decision)r.Decision, r.DecidedAt)), at);
            var informed = await store.WasInformedAsync(c, null, request.SubjectRef, request.SubjectRef, at, ct);
            var response = new GetConsentStateResponse { State = state, Informed = informed, Revision = revision, Reasons = { reason } };
            if (!informed)
            {
                response.Reasons.Add("CON-2: the person has not been informed");
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
            var response = new WatchResponse { Revision = change.Revision, RecordedAt = change.RecordedAt.ToTimestamp() };
            switch (change.Kind)
            {
                case "informing": response.Informing = Informing.Parser.ParseFrom(change.Payload); break;
                case "decision": response.Decision = ConsentDecision.Parser.ParseFrom(change.Payload); break;
                default: break;
            }

            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }
}
