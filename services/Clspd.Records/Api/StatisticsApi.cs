using Clspd.Records.Domain;
using Clspd.Records.Evaluation;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>REC-11: aggregate figures of a council, small cells and their complements suppressed; the annual charter-application report.</summary>
public sealed class StatisticsApi(
    Database database, EvaluationStore store, CouncilEvaluation evaluation, CharterReports reports, RegistryPeer registry, CallerResolver callers, TimeProvider time)
    : StatisticsService.StatisticsServiceBase
{
    public override async Task<GetCaseStatisticsResponse> GetCaseStatistics(GetCaseStatisticsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var adminOrService = caller.IsBootstrapAdmin || caller.IsService;
        CallerRules.ReadsStatistics(adminOrService, !adminOrService && CallerRules.ActsFor(caller.Councils, request.CouncilId) && await registry.IsDesignatedInCouncilAsync(caller.Subject, request.CouncilId, ct)).ThrowIfDenied();

        // Every case ever held and not destroyed: the widest period there is.
        var tables = await evaluation.CaseTablesAsync(request.CouncilId, DateTimeOffset.UnixEpoch, time.GetUtcNow().AddYears(100), ct);
        var response = new GetCaseStatisticsResponse { Threshold = evaluation.Threshold };
        foreach (var (table, dimension) in tables.Zip(["body", "age_band", "referral_reason", "follow_up_duration"]))
        {
            response.Cells.AddRange(table.Cells.Where(c => c.Row != SuppressedTable.Total)
                .Select(c => new StatisticCell { Dimension = dimension, Value = c.Row, Count = c.Count, Suppressed = c.Suppressed }));
        }

        return response;
    }

    public override async Task<GetEvaluationResponse> GetEvaluation(GetEvaluationRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var (from, to) = CouncilEvaluation.Period(request.From, request.To);
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);

        var response = new GetEvaluationResponse { Threshold = evaluation.Threshold };
        response.Tables.AddRange(await evaluation.CaseTablesAsync(request.CouncilId, from, to, ct));
        var (consent, rates, _) = await evaluation.ConsentAsync(request.CouncilId, from, to, required: false, ct);
        response.Tables.Add(consent);
        response.ConsentRates.AddRange(rates);
        response.Tables.Add((await evaluation.CompositionAsync(request.CouncilId, from, to, required: false, ct)).Table);
        response.Tables.Add((await evaluation.DeniedAsync(request.CouncilId, from, to, required: false, ct)).Table);
        response.Status = CouncilEvaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct));
        return response;
    }

    public override async Task<ProduceCharterReportResponse> ProduceCharterReport(ProduceCharterReportRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        var now = time.GetUtcNow();
        new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64)
            .When(request.Year < 2000 || request.Year > now.Year, "year", $"must be between 2000 and {now.Year}").ThrowIfInvalid();
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);

        var report = await reports.BuildAsync(request.CouncilId, request.Year, caller.Subject, now, ct);
        var key = RequestKey.For(caller.Subject, request.RequestId, context.Method, request);
        return await database.WriteOnceAsync(key, ProduceCharterReportResponse.Parser, async w =>
        {
            await store.AddReportAsync(w, new CharterReportRow
            {
                Id = report.Id, CouncilId = report.CouncilId, Year = report.Year, ProducedAt = now, ProducedBy = caller.Subject, Report = report.ToByteArray(),
            });
            return new ProduceCharterReportResponse { Report = report };
        }, ct);
    }

    public override async Task<ListCharterReportsResponse> ListCharterReports(ListCharterReportsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);
        var rows = await database.ReadAsync(s => store.ReportsAsync(s, request.CouncilId), ct);
        return new ListCharterReportsResponse
        {
            Reports = { rows.Select(r => new CharterReport { Id = r.Id, CouncilId = r.CouncilId, Year = (int)r.Year, ProducedBy = r.ProducedBy, ProducedAt = r.ProducedAt.ToTimestamp() }) },
            Status = CouncilEvaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct)),
        };
    }

    public override async Task<GetCharterReportResponse> GetCharterReport(GetCharterReportRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("report_id", request.ReportId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await database.ReadAsync(s => store.ReportAsync(s, request.ReportId), ct) ?? throw new NotFoundException("charter report", request.ReportId);
        await evaluation.RequireCoordinatorAsync(caller, row.CouncilId, ct);
        return new GetCharterReportResponse { Report = CharterReport.Parser.ParseFrom(row.Report) };
    }

    public override async Task<GetEvaluationStatusResponse> GetEvaluationStatus(GetEvaluationStatusRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);
        return new GetEvaluationStatusResponse { Status = CouncilEvaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct)) };
    }
}
