using Clspd.Consent.Authorization;
using Clspd.Consent.Diagnostics;
using Clspd.Consent.Domain;
using Clspd.Consent.Feeds;
using Clspd.Consent.States;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Api;

/// <summary>
/// gRPC surface of the consent service: read caller, validate, authorise, one transaction, map back.
/// Informing and state here; decisions in <c>ConsentApi.Decisions.cs</c>; history and receipts in
/// <c>ConsentApi.History.cs</c>.
/// </summary>
public sealed partial class ConsentApi(
    Database database, ConsentStore store, SubjectStore subjects, ErasureStore erasures, NoticeStore notices, CallerResolver callers, ConsentAuthorizer authorizer,
    ChangeFollower feed, TimeProvider time, IOptions<ConsentOptions> options, StateFactsReader stateFacts, ConsentMetrics metrics)
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
        var ct = context.CancellationToken;
        var subject = await AuthorisedSubjectAsync(caller, request.SubjectRef, ConsentRecording.Informing, ct);
        var party = string.IsNullOrEmpty(request.PartyRef) ? request.SubjectRef : request.PartyRef;
        new RequestValidator().When(ConsentRules.RoleOf(subject.ToFacts(), party, now) is null, "party_ref",
            "is neither the subject nor one of its registered legal representatives").ThrowIfInvalid();

        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request).About(request.SubjectRef);
        return await database.WriteOnceAsync(key, RecordInformingResponse.Parser, async w =>
        {
            var notice = await notices.FindAsync(w, request.NoticeVersion);
            NoticeRules.UsableForInforming(request.NoticeVersion, notice?.Status == NoticeStore.Published).ThrowIfAny();
            if (notice?.PublishedAt > informedAt)
            {
                throw new InvalidRequestException("informed_at", "is before the notice was published");
            }

            var informing = new Informing
            {
                Id = Guid.CreateVersion7(w.Now).ToString(), SubjectRef = request.SubjectRef, PartyRef = party,
                InformedAt = informedAt.ToTimestamp(), InformedBy = caller.Subject, Channel = request.Channel, NoticeVersion = request.NoticeVersion,
            };
            var revision = await w.AppendChangeAsync("informing", informing.Id, informing);
            await store.InsertInformingAsync(w, new InformingRow
            {
                Id = informing.Id, SubjectRef = request.SubjectRef, PartyRef = party, InformedAt = informedAt, InformedBy = caller.Subject,
                Channel = (int)request.Channel, NoticeVersion = request.NoticeVersion, RecordedAt = w.Now, Revision = revision,
            });
            return new RecordInformingResponse { Informing = informing, Revision = revision };
        }, ct);
    }

    public override async Task<GetConsentStateResponse> GetConsentState(GetConsentStateRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64).Known("purpose", request.Purpose)
            .When(request.Purpose == Purpose.NamedDiscussion && string.IsNullOrWhiteSpace(request.GroupId), "group_id", "is required for NAMED_DISCUSSION")
            .MaxLength("group_id", request.GroupId, 64)
            .When(request.MeetingAt is not null && request.Purpose != Purpose.NamedDiscussion, "meeting_at", "is only for NAMED_DISCUSSION")
            .ThrowIfInvalid();
        var now = time.GetUtcNow();
        var at = ProtoConvert.InstantOr(request.At, "at", now);
        var meetingAt = request.MeetingAt is null ? (DateTimeOffset?)null : ProtoConvert.RequiredInstant(request.MeetingAt, "meeting_at");
        // A question about now (within the tolerance of the caller's clock) sees every decision up to the answer's revision.
        var effectiveAt = at >= now - options.Value.CurrentInstantTolerance && at < now ? now : at;
        var ct = context.CancellationToken;
        if (!caller.IsService)
        {
            var known = await database.ReadAsync(s => subjects.FindAsync(s, request.SubjectRef), ct);
            // The person's own groups decide, not the group named in the request: otherwise a participant could ask
            // about anyone in their group's name and learn who is known here (nothing leaks).
            await authorizer.EnsureMayReadAsync(caller, known?.Groups, known?.CouncilId, null, ConsentReading.State, ct);
        }

        // ACC-1: a commune's service hears nothing of another commune's subjects; they are answered as unknown.
        var visible = authorizer.CouncilsVisibleTo(caller);
        var response = await database.ReadAsync(async s =>
        {
            var facts = await stateFacts.ReadAsync(s, request.SubjectRef, (int)request.Purpose, ConsentRules.GroupKeyFor(request.Purpose, request.GroupId));
            if (!CommuneScope.Sees(visible, facts.Subject?.CouncilId))
            {
                facts = new StateFacts(facts.Revision, null, [], []);
            }

            var answer = ConsentEvaluator.Evaluate(request.SubjectRef, facts.Subject?.ToFacts(), facts.Decisions.Select(d => d.ToFact()),
                [.. facts.Informings.Select(i => i.ToFact())], effectiveAt, meetingAt);
            return new GetConsentStateResponse
            {
                State = answer.State, Informed = answer.Informed, Revision = facts.Revision, Reasons = { answer.Reasons },
                NamedDiscussionPossible = answer.NamedDiscussionPossible, MissingDeciderRefs = { answer.MissingDeciders },
                UninformedPartyRefs = { answer.UninformedParties }, Minor = answer.Minor, SubjectKnown = facts.Subject is not null,
            };
        }, ct);
        metrics.LookedUp(request.Purpose, response.State);
        return response;
    }

    public override async Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context)
    {
        var caller = callers.RequireService(context);
        new RequestValidator().When(request.FromRevision < 0, "from_revision", "must be zero or positive").ThrowIfInvalid();
        // ACC-1, minimal feeds: with communes configured, only the changes about the caller's councils'
        // subjects go out; heartbeats still carry the department's revision (a number, nothing more).
        var scope = authorizer.CouncilsVisibleTo(caller) is { } visible ? new FeedScope(visible, database, subjects) : null;
        await foreach (var change in feed.FollowAsync(request.FromRevision, context.CancellationToken))
        {
            if (scope is not null && !await scope.SendsAsync(change, context.CancellationToken))
            {
                continue;
            }

            var response = new WatchResponse { Revision = change.Revision, RecordedAt = change.RecordedAt.ToTimestamp() };
            switch (change.Kind)
            {
                case "informing": response.Informing = Informing.Parser.ParseFrom(change.Payload); break;
                case "decision":
                    response.Decision = ConsentDecision.Parser.ParseFrom(change.Payload);
                    response.Decision.Revision = change.Revision;
                    break;
                case "subject":
                    response.Subject = Subject.Parser.ParseFrom(change.Payload);
                    response.Subject.Revision = change.Revision;
                    break;
                case SubjectApi.ErasureChange: response.SubjectErased = new SubjectErased(); break;
                default: break;
            }

            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }

    /// <summary>
    /// The subject a caller records for: authorised first, on the person's own groups (not a group named in
    /// the request), so that a caller who may not record for it gets the same answer whether it exists or
    /// not; NotFound only for a caller who may record.
    /// </summary>
    private async Task<SubjectRow> AuthorisedSubjectAsync(Caller caller, string subjectRef, ConsentRecording what, CancellationToken ct)
    {
        var known = await database.ReadAsync(s => subjects.FindAsync(s, subjectRef), ct);
        await authorizer.EnsureMayRecordAsync(caller, known?.Groups, known?.CouncilId, null, what, ct);
        return known ?? throw new NotFoundException("subject", subjectRef);
    }
}
