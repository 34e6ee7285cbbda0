using System.Net.Sockets;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// Records fails closed when one call to a peer gets no answer: Unavailable naming the service
/// (the access checks in their own ACC-7 words), whichever call it was, and nothing is returned.
/// </summary>
public sealed class PeersUnreachableTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Theory]
    [InlineData("/clspd.registry.v1.RegistryService/GetCouncil", "registry")]
    [InlineData("/clspd.registry.v1.RegistryService/ListSubjectDesignations", "registry")]
    [InlineData("/clspd.consent.v1.SubjectService/PutSubject", "consent")]
    public async Task CreatePerson_PeerCallUnreachable_UnavailableNamingTheService(string method, string service)
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await using var host = RecordsRefusing(method);
        await host.WaitReadyAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new RecordsService.RecordsServiceClient(host.Channel).CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(age: 19),
        }, s.AsMember).ResponseAsync);

        AssertUnavailableNaming(service, ex);
    }

    [Fact]
    public async Task OpenCase_RegistryGroupUnreachable_UnavailableNamingTheRegistry()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await using var host = RecordsRefusing("/clspd.registry.v1.RegistryService/GetGroup");
        await host.WaitReadyAsync();
        var scenario = new RecordsScenario(services, host.Channel);
        var records = new RecordsService.RecordsServiceClient(host.Channel);
        var person = await records.CreatePersonAsync(new CreatePersonRequest { RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(age: 19) }, s.AsMember);

        var ex = await Assert.ThrowsAsync<RpcException>(() => scenario.Records.OpenCaseAsync(new OpenCaseRequest
        {
            RequestId = RecordsScenario.NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group,
        }, s.AsMember).ResponseAsync);

        AssertUnavailableNaming("registry", ex);
    }

    [Fact]
    public async Task AddToAgenda_RegistryMeetingsUnreachable_UnavailableNamingTheRegistry()
    {
        await using var host = RecordsRefusing("/clspd.registry.v1.RegistryService/ListMeetings");
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var opened = await s.CaseAsync();
        var meeting = (await s.Commune.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = RecordsScenario.NewId(), GroupId = s.Group, Date = RecordsScenario.Date(RecordsScenario.Today), PlaceLabel = "Mairie",
        }, s.Commune.Admin)).Meeting.Id;

        var ex = await Assert.ThrowsAsync<RpcException>(() => new MeetingService.MeetingServiceClient(host.Channel).AddToAgendaAsync(new AddToAgendaRequest
        {
            RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = s.Group, CaseId = opened.Id,
        }, s.AsMember).ResponseAsync);

        AssertUnavailableNaming("registry", ex);
    }

    [Fact]
    public async Task ExportSubjectFile_AuditTrailUnreachable_UnavailableNamingAccessAndNoData_REC_10()
    {
        await using var host = RecordsRefusing("/clspd.access.v1.AuditService/ListAuditEntries");
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var person = await s.PersonAsync(age: 19);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new SubjectRightsService.SubjectRightsServiceClient(host.Channel).ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = person }, s.AsCoordinator).ResponseAsync);

        AssertUnavailableNaming("access", ex);
    }

    [Fact]
    public async Task CloseMeeting_BatchCheckUnreachable_UnavailableAndNothingDone_ACC_7()
    {
        await using var host = RecordsRefusing("/clspd.access.v1.AccessService/BatchCheck");
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        var opened = await s.CaseAsync();
        var meeting = (await s.Commune.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = RecordsScenario.NewId(), GroupId = s.Group, Date = RecordsScenario.Date(RecordsScenario.Today), PlaceLabel = "Mairie",
        }, s.Commune.Admin)).Meeting.Id;
        var meetings = new MeetingService.MeetingServiceClient(host.Channel);
        await meetings.AddToAgendaAsync(new AddToAgendaRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = s.Group, CaseId = opened.Id }, s.AsMember);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = s.Group }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        // A sentence a professional understands: which source, what it means, what to do; no transport text.
        Assert.Equal("ACC-7: the access service, which decides every access, could not be reached; nothing is done: try again in a moment", ex.Status.Detail);
        Assert.Equal(1L, await RecordsScenario.CountAsync(host.DataDirectory, "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @M", new { M = meeting }));
    }

    // The answer every caller gets when a peer did not answer: Unavailable, naming the service.
    private static void AssertUnavailableNaming(string service, RpcException ex)
    {
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal($"the {service} service did not answer (Unavailable); retry later", ex.Status.Detail);
    }

    // A records host whose calls to every peer go through, except the one method, which gets no answer.
    private ServiceHost<Program> RecordsRefusing(string method) => services.CreateRecords(
        () => new Refusing(services.Access.Server.CreateHandler(), method),
        () => new Refusing(services.Consent.Server.CreateHandler(), method),
        () => new Refusing(services.Registry.Server.CreateHandler(), method),
        () => new Refusing(services.Consent.Server.CreateHandler(), method));

    /// <summary>Forwards to a peer's test server, except calls to one method, which fail as a refused connection does (Unavailable).</summary>
    private sealed class Refusing(HttpMessageHandler inner, string method) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(inner);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == method
                ? throw new HttpRequestException("connection refused", new SocketException((int)SocketError.ConnectionRefused))
                : _inner.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
