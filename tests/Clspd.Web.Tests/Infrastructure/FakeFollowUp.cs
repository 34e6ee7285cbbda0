using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The follow-up methods the console's case pages call.</summary>
public sealed class FakeFollowUp(FakeGateway gateway) : FollowUpService.FollowUpServiceBase
{
    public override Task<SetFollowUpElementsResponse> SetFollowUpElements(SetFollowUpElementsRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<SetFollowUpElementsResponse>();
    }
}
