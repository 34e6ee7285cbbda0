using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The charter methods the console's pages call.</summary>
public sealed class FakeCharter(FakeGateway gateway) : CharterService.CharterServiceBase
{
    public override Task<ListCharterVersionsResponse> ListCharterVersions(ListCharterVersionsRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        return gateway.Answer<ListCharterVersionsResponse>();
    }
}
