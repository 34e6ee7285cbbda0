using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>The meeting, body and lifecycle methods the console's coordinator pages call.</summary>
public static class FakeCaseMoves
{
    public sealed class Meetings(FakeGateway gateway) : MeetingService.MeetingServiceBase
    {
        public override Task<CloseMeetingResponse> CloseMeeting(CloseMeetingRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<CloseMeetingResponse>();
        }

        public override Task<AddToAgendaResponse> AddToAgenda(AddToAgendaRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<AddToAgendaResponse>();
        }
    }

    public sealed class Bodies(FakeGateway gateway) : BodyService.BodyServiceBase
    {
        public override Task<MoveCaseResponse> MoveCase(MoveCaseRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<MoveCaseResponse>();
        }
    }

    public sealed class Lifecycle(FakeGateway gateway) : LifecycleService.LifecycleServiceBase
    {
        public override Task<OpenArchivedCaseResponse> OpenArchivedCase(OpenArchivedCaseRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<OpenArchivedCaseResponse>();
        }

        public override Task<RunLifecycleResponse> RunLifecycle(RunLifecycleRequest request, ServerCallContext context)
        {
            gateway.Requests.Enqueue(request);
            return gateway.Answer<RunLifecycleResponse>();
        }
    }
}
