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

    public override Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        return gateway.Answer<ListMeetingsResponse>();
    }

    public override Task<ScheduleMeetingResponse> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<ScheduleMeetingResponse>();
    }

    public override Task<CreateCouncilResponse> CreateCouncil(CreateCouncilRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<CreateCouncilResponse>();
    }

    public override Task<CreateGroupResponse> CreateGroup(CreateGroupRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<CreateGroupResponse>();
    }

    public override Task<CreateInstitutionResponse> CreateInstitution(CreateInstitutionRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<CreateInstitutionResponse>();
    }

    public override Task<RegisterParticipantResponse> RegisterParticipant(RegisterParticipantRequest request, ServerCallContext context)
    {
        gateway.Saw(context);
        gateway.Requests.Enqueue(request);
        return gateway.Answer<RegisterParticipantResponse>();
    }
}
