using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The registry methods the console's pages call, answering what the test set.</summary>
public sealed class FakeRegistry(FakeGateway gateway) : RegistryService.RegistryServiceBase
{
    public override Task<ListSubjectDesignationsResponse> ListSubjectDesignations(ListSubjectDesignationsRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        return gateway.Answer<ListSubjectDesignationsResponse>();
    }

    public override Task<GetCouncilResponse> GetCouncil(GetCouncilRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        return gateway.Answer<GetCouncilResponse>();
    }

    public override Task<ListGroupParticipantsResponse> ListGroupParticipants(ListGroupParticipantsRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        return gateway.Answer<ListGroupParticipantsResponse>();
    }

    public override Task<DesignateResponse> Designate(DesignateRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<DesignateResponse>();
    }

    public override Task<RevokeDesignationResponse> RevokeDesignation(RevokeDesignationRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<RevokeDesignationResponse>();
    }
}
