using Clspd.Records.Lifecycle;
using Clspd.Records.V1;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Decision = Clspd.Consent.V1.Decision;

namespace Clspd.Records.Tests.Api;

/// <summary>REC-11: a council's evaluation gathered from every service, its annual charter-application report and the 12-month alert.</summary>
public sealed class EvaluationApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private static GetEvaluationRequest Around(string councilId) => new()
    {
        CouncilId = councilId, From = Timestamp.FromDateTimeOffset(TestClock.Start.AddDays(-1)), To = Timestamp.FromDateTimeOffset(TestClock.Start.AddDays(1)),
    };

    private static (int Count, bool Suppressed) Cell(GetEvaluationResponse evaluation, string table, string row, string column)
    {
        var cell = Assert.Single(Assert.Single(evaluation.Tables, t => t.Name == table).Cells, c => c.Row == row && c.Column == column);
        return (cell.Count, cell.Suppressed);
    }

    /// <summary>Five young people of 16 and one of 20; five consent to a named discussion, the sixth refuses; a member is denied an export.</summary>
    private async Task<RecordsScenario> CouncilWithFiguresAsync(GrpcChannel? channel = null)
    {
        var s = await new RecordsScenario(services, channel).CouncilAsync();
        var notice = await s.Commune.NoticeAsync(s.Council);
        var cases = new List<Case>();
        for (var i = 0; i < 5; i++)
        {
            cases.Add(await s.CaseAsync(age: 16));
        }

        cases.Add(await s.CaseAsync(age: 20));
        for (var i = 0; i < cases.Count; i++)
        {
            await s.Commune.NamedDiscussionAsync(cases[i].SubjectRef, s.Group, notice, i < 5 ? Decision.Given : Decision.Refused);
        }

        var rights = new SubjectRightsService.SubjectRightsServiceClient(channel ?? services.Records.Channel);
        await Assert.ThrowsAsync<RpcException>(() => rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = cases[0].SubjectRef }, s.AsMember).ResponseAsync);
        return s;
    }

    [Fact]
    public async Task GetEvaluation_Coordinator_EverySectionSuppressedWithComplements_REC_11()
    {
        var s = await CouncilWithFiguresAsync();

        var evaluation = await new StatisticsService.StatisticsServiceClient(services.Records.Channel).GetEvaluationAsync(Around(s.Council), s.AsCoordinator);

        Assert.Equal(5, evaluation.Threshold);
        Assert.Equal(["cases_by_body", "cases_by_age_band", "cases_by_referral_reason", "follow_up_durations", "consent_decisions", "group_composition", "denied_accesses"],
            evaluation.Tables.Select(t => t.Name));
        Assert.All(evaluation.Tables, t => Assert.True(t.Available, t.UnavailableReason));
        // The one adult is withheld, and so is the 16-17 band: otherwise 6 - 5 would give the adult away.
        Assert.Equal((0, true), Cell(evaluation, "cases_by_age_band", "18-21", "count"));
        Assert.Equal((0, true), Cell(evaluation, "cases_by_age_band", "16-17", "count"));
        Assert.Equal((6, false), Cell(evaluation, "cases_by_age_band", "TOTAL", "count"));
        Assert.Equal((6, false), Cell(evaluation, "cases_by_body", "CLSPD_GROUP", "count"));
        // One refusal: withheld with its complement in the row, the row total stays.
        Assert.Equal((0, true), Cell(evaluation, "consent_decisions", "PURPOSE_NAMED_DISCUSSION", "DECISION_REFUSED"));
        Assert.Equal((0, true), Cell(evaluation, "consent_decisions", "PURPOSE_NAMED_DISCUSSION", "DECISION_GIVEN"));
        Assert.Equal((6, false), Cell(evaluation, "consent_decisions", "PURPOSE_NAMED_DISCUSSION", "TOTAL"));
        Assert.Equal((0, false), Cell(evaluation, "consent_decisions", "PURPOSE_DATA_PROCESSING", "DECISION_GIVEN"));
        Assert.Empty(evaluation.ConsentRates);
        Assert.Equal((0, true), Cell(evaluation, "denied_accesses", "REC-10", "ACCESS_ACTION_EXPORT_CASE"));
        Assert.All(Assert.Single(evaluation.Tables, t => t.Name == "group_composition").Cells.Where(c => c.Row != "TOTAL" && c.Column != "TOTAL"),
            c => Assert.Equal((0, true), (c.Count, c.Suppressed)));
        Assert.False(evaluation.Status.Overdue);
        Assert.DoesNotContain(s.Member, evaluation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvaluation_GroupMember_PermissionDenied_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new StatisticsService.StatisticsServiceClient(services.Records.Channel).GetEvaluationAsync(Around(s.Council), s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-11", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvaluation_ToBeforeFrom_InvalidArgumentNamingTo_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var request = Around(s.Council);
        (request.From, request.To) = (request.To, request.From);

        var ex = await Assert.ThrowsAsync<RpcException>(() => new StatisticsService.StatisticsServiceClient(services.Records.Channel).GetEvaluationAsync(request, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("to", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvaluation_ConsentUnreachable_SectionMarkedUnavailableAndReportRefused_REC_11()
    {
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler(), () => new UnreachableHandler());
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        await s.CaseAsync();
        var statistics = new StatisticsService.StatisticsServiceClient(host.Channel);

        var evaluation = await statistics.GetEvaluationAsync(Around(s.Council), s.AsCoordinator);
        var ex = await Assert.ThrowsAsync<RpcException>(() => statistics.ProduceCharterReportAsync(
            new ProduceCharterReportRequest { RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Year = TestClock.Start.Year }, s.AsCoordinator).ResponseAsync);
        var reports = await statistics.ListCharterReportsAsync(new ListCharterReportsRequest { CouncilId = s.Council }, s.AsCoordinator);

        var consent = Assert.Single(evaluation.Tables, t => t.Name == "consent_decisions");
        Assert.False(consent.Available);
        Assert.Empty(consent.Cells);
        Assert.Contains("consent service", consent.UnavailableReason, StringComparison.Ordinal);
        Assert.True(Assert.Single(evaluation.Tables, t => t.Name == "group_composition").Available);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("consent service", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(reports.Reports);
    }

    [Fact]
    public async Task ProduceCharterReport_Coordinator_StoredListedReadAgainWithFigures_REC_11()
    {
        var s = await CouncilWithFiguresAsync();
        var statistics = new StatisticsService.StatisticsServiceClient(services.Records.Channel);
        var request = new ProduceCharterReportRequest { RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Year = TestClock.Start.Year };

        var produced = (await statistics.ProduceCharterReportAsync(request, s.AsCoordinator)).Report;
        var retried = (await statistics.ProduceCharterReportAsync(request, s.AsCoordinator)).Report;
        var list = await statistics.ListCharterReportsAsync(new ListCharterReportsRequest { CouncilId = s.Council }, s.AsCoordinator);
        var read = (await statistics.GetCharterReportAsync(new GetCharterReportRequest { ReportId = produced.Id }, s.AsCoordinator)).Report;

        Assert.Equal(produced.Id, retried.Id);
        Assert.Equal((produced.Id, s.Coordinator, TestClock.Start.Year), (Assert.Single(list.Reports).Id, list.Reports[0].ProducedBy, list.Reports[0].Year));
        Assert.Empty(list.Reports[0].Figures);
        Assert.Equal(produced, read);
        (int, bool) Figure(string name)
        {
            var figure = Assert.Single(read.Figures, f => f.Name == name);
            return (figure.Count, figure.Suppressed);
        }

        Assert.Equal((1, false), Figure("charter_versions_published"));
        Assert.Equal((2, false), Figure("institutions_signed"));
        Assert.Equal((0, true), Figure("designations_made"));
        Assert.Equal((6, false), Figure("cases_followed"));
        Assert.Equal((5, false), Figure("consents_given"));
        Assert.Equal((0, true), Figure("consent_refusals"));
        Assert.Equal((0, false), Figure("consent_withdrawals"));
        Assert.Equal((0, true), Figure("denied_accesses"));
        Assert.Equal((0, false), Figure("archive_openings"));
        Assert.Equal(["group_composition", "denied_accesses"], read.Tables.Select(t => t.Name));
        Assert.Equal(list.Reports[0].ProducedAt, list.Status.LastReportAt);
        Assert.False(list.Status.Overdue);
    }

    [Fact]
    public async Task GetCharterReport_OtherCouncilsCoordinator_PermissionDenied_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var other = await new RecordsScenario(services).CouncilAsync();
        var statistics = new StatisticsService.StatisticsServiceClient(services.Records.Channel);
        var produced = (await statistics.ProduceCharterReportAsync(
            new ProduceCharterReportRequest { RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Year = TestClock.Start.Year }, s.AsCoordinator)).Report;

        var ex = await Assert.ThrowsAsync<RpcException>(() => statistics.GetCharterReportAsync(new GetCharterReportRequest { ReportId = produced.Id }, other.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task ProduceCharterReport_FutureYear_InvalidArgumentNamingYear_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new StatisticsService.StatisticsServiceClient(services.Records.Channel).ProduceCharterReportAsync(
            new ProduceCharterReportRequest { RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Year = TestClock.Start.Year + 1 }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("year", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationWatch_NoReportFor12Months_OverdueLoggedOncePerDay_REC_11()
    {
        await using var host = services.CreateRecords(() => services.Access.Server.CreateHandler());
        await host.WaitReadyAsync();
        var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
        await s.CaseAsync();
        // A watch of its own: the host's periodic job (which wakes when the clock moves) keeps its own once-a-day memory.
        var watch = ActivatorUtilities.CreateInstance<EvaluationWatch>(host.Services);
        var statistics = new StatisticsService.StatisticsServiceClient(host.Channel);

        var fresh = await watch.CheckAsync(TestContext.Current.CancellationToken);
        host.Clock.Advance(TimeSpan.FromDays(366));
        var overdue = await watch.CheckAsync(TestContext.Current.CancellationToken);
        var sameDay = await watch.CheckAsync(TestContext.Current.CancellationToken);
        var status = (await statistics.GetEvaluationStatusAsync(new GetEvaluationStatusRequest { CouncilId = s.Council }, s.AdminForYears)).Status;
        host.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await watch.CheckAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(s.Council, fresh);
        Assert.Equal([s.Council], overdue);
        Assert.Empty(sameDay);
        Assert.Equal([s.Council], nextDay);
        Assert.True(status.Overdue);
        Assert.Null(status.LastReportAt);
        Assert.Equal(status.Since.ToDateTimeOffset().AddMonths(12), status.DueAt.ToDateTimeOffset());
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
