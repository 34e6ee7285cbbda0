using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// ACC-1: an occasional attendee reads the cases on their meeting's agenda only on the meeting's
/// day — the day after, even before the agenda is purged, the case is closed to them. On its own
/// services, since it moves the access service's clock.
/// </summary>
public sealed class AttendeeDayAfterTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Fact]
    public async Task GetCase_OccasionalAttendeeTheDayAfter_Denied_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var meeting = await s.Commune.MeetingAsync(s.Group, s.Commune.CouncilToday());
        var (attendee, revision) = await s.Commune.BoundMemberAsync(s.Council, s.Group, Role.OccasionalAttendee, meetingId: meeting.Id);
        var opened = await s.CaseAsync();
        await new MeetingService.MeetingServiceClient(services.Records.Channel).AddToAgendaAsync(
            new AddToAgendaRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting.Id, GroupId = s.Group, CaseId = opened.Id }, s.AsMember);
        var asAttendee = services.Issuer.As(attendee);
        var onTheDay = await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, MinRegistryRevision = revision }, asAttendee);

        services.Access.Clock.Advance(TimeSpan.FromDays(1));
        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, MinRegistryRevision = revision }, asAttendee).ResponseAsync);

        Assert.Equal(opened.Id, onTheDay.Case.Id);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        // The day after, the case is for them one that does not exist (ACC-1: nothing leaks); the trail keeps the precise reason.
        Assert.Equal("ACC-1: " + global::Clspd.Records.Domain.Unseen.Sentence, ex.Status.Detail);
    }
}
