using Clspd.Access.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The audit methods the console's journal pages call.</summary>
public sealed class FakeAudit(FakeGateway gateway) : AuditService.AuditServiceBase
{
    public override Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<VerifyAuditResponse>();
    }

    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<ListAuditEntriesResponse>();
    }
}
