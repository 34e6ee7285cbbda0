using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The subject-rights methods the console's export pages call.</summary>
public sealed class FakeSubjectRights(FakeGateway gateway) : SubjectRightsService.SubjectRightsServiceBase
{
    public override Task<ExportCasesResponse> ExportCases(ExportCasesRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<ExportCasesResponse>();
    }
}
