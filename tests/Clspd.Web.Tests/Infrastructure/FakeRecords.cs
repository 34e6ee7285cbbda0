using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The records methods the console's case pages call.</summary>
public sealed class FakeRecords(FakeGateway gateway) : RecordsService.RecordsServiceBase
{
    public override Task<GetCaseResponse> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<GetCaseResponse>();
    }

    public override Task<ListMyCasesResponse> ListMyCases(ListMyCasesRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<ListMyCasesResponse>();
    }
}
