using Clspd.Consent.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The consent and notice methods the console's pages call.</summary>
public static class FakeConsent
{
    public sealed class Notices(FakeGateway gateway) : NoticeService.NoticeServiceBase
    {
        public override Task<ListNoticesResponse> ListNotices(ListNoticesRequest request, ServerCallContext context) => gateway.Answer<ListNoticesResponse>();

        public override Task<PublishNoticeResponse> PublishNotice(PublishNoticeRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<PublishNoticeResponse>();
        }

        public override Task<UpdateNoticeDraftResponse> UpdateNoticeDraft(UpdateNoticeDraftRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<UpdateNoticeDraftResponse>();
        }
    }

    public sealed class Consents(FakeGateway gateway) : ConsentService.ConsentServiceBase
    {
        public override Task<GetConsentStateResponse> GetConsentState(GetConsentStateRequest request, ServerCallContext context) => gateway.Answer<GetConsentStateResponse>();

        public override Task<RecordDecisionResponse> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
        {
            gateway.Saw(context);
            gateway.Requests.Enqueue(request);
            return gateway.Answer<RecordDecisionResponse>();
        }

        public override Task<RecordInformingResponse> RecordInforming(RecordInformingRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<RecordInformingResponse>();
        }

        public override Task<WithdrawConsentResponse> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context)
        {
            gateway.Saw(context);
            gateway.Requests.Enqueue(request);
            return gateway.Answer<WithdrawConsentResponse>();
        }
    }
}
