using Clspd.Access.V1;
using Clspd.Records.Domain;
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
public sealed class StatisticsApi(Database database, EvaluationStore store, Evaluation evaluation, Peers peers, CallerResolver callers, TimeProvider time)
    : StatisticsService.StatisticsServiceBase
{
    public override async Task<GetCaseStatisticsResponse> GetCaseStatistics(GetCaseStatisticsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        if (!caller.IsBootstrapAdmin && !caller.IsService && !await peers.IsDesignatedInCouncilAsync(caller.Subject, request.CouncilId, ct))
        {
            throw new PermissionDeniedException("ACC-1", "only participants designated in this council may read its statistics");
        }

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
        var (from, to) = Evaluation.Period(request.From, request.To);
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);

        var response = new GetEvaluationResponse { Threshold = evaluation.Threshold };
        response.Tables.AddRange(await evaluation.CaseTablesAsync(request.CouncilId, from, to, ct));
        var (consent, rates, _) = await evaluation.ConsentAsync(request.CouncilId, from, to, required: false, ct);
        response.Tables.Add(consent);
        response.ConsentRates.AddRange(rates);
        response.Tables.Add((await evaluation.CompositionAsync(request.CouncilId, from, to, required: false, ct)).Table);
        response.Tables.Add((await evaluation.DeniedAsync(request.CouncilId, from, to, required: false, ct)).Table);
        response.Status = Evaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct));
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

        // A stored report is never partial: every service must answer (Unavailable names the one that did not).
        var (from, to) = EvaluationClock.Year(request.Year);
        var (composition, registry) = await evaluation.CompositionAsync(request.CouncilId, from, to, required: true, ct);
        var (denied, audit) = await evaluation.DeniedAsync(request.CouncilId, from, to, required: true, ct);
        var (_, _, consent) = await evaluation.ConsentAsync(request.CouncilId, from, to, required: true, ct);
        var (followed, casesDestroyed, personsDestroyed) = await database.ReadAsync(async c => (
            (await store.CasesAsync(c, request.CouncilId, DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime), ct)).Cases.Count,
            await store.DestroyedAsync(c, request.CouncilId, "case", from, to, ct),
            await store.DestroyedAsync(c, request.CouncilId, "person", from, to, ct)), ct);

        int Allowed(AccessAction action) => audit!.Counts.Where(c => c.Action == action && c.Outcome == Outcome.Allow).Sum(c => c.Count);
        int Decided(Consent.V1.Decision decision) => consent?.Counts.Where(c => c.Decision == decision).Sum(c => c.Count) ?? 0;
        var report = new CharterReport
        {
            Id = Guid.CreateVersion7(now).ToString(), CouncilId = request.CouncilId, Year = request.Year, ProducedBy = caller.Subject,
            ProducedAt = now.ToTimestamp(), Threshold = evaluation.Threshold, Tables = { composition, denied },
            Figures =
            {
                evaluation.Figure("registry", "charter_versions_published", registry!.CharterVersionsPublished, aboutPersons: false),
                evaluation.Figure("registry", "institutions_signed", registry.InstitutionsSigned, aboutPersons: false),
                evaluation.Figure("registry", "participants_accepted", registry.ParticipantsAccepted),
                evaluation.Figure("registry", "designations_made", registry.DesignationsMade),
                evaluation.Figure("registry", "designations_revoked", registry.DesignationsRevoked),
                evaluation.Figure("registry", "confidentiality_breaches", registry.ConfidentialityBreaches),
                evaluation.Figure("access", "denied_accesses", audit!.DeniedDecisions),
                evaluation.Figure("access", "archive_openings", Allowed(AccessAction.OpenArchivedCase)),
                evaluation.Figure("access", "case_moves", Allowed(AccessAction.MoveCase)),
                evaluation.Figure("access", "named_exports", Allowed(AccessAction.ExportCase)),
                evaluation.Figure("access", "identity_rectifications", Allowed(AccessAction.RectifyIdentity)),
                evaluation.Figure("records", "cases_followed", followed),
                evaluation.Figure("records", "cases_destroyed", casesDestroyed),
                evaluation.Figure("records", "persons_destroyed", personsDestroyed),
            },
        };
        if (consent is not null)
        {
            report.Figures.Add(evaluation.Figure("consent", "consents_given", Decided(Consent.V1.Decision.Given)));
            report.Figures.Add(evaluation.Figure("consent", "consent_refusals", Decided(Consent.V1.Decision.Refused)));
            report.Figures.Add(evaluation.Figure("consent", "consent_withdrawals", Decided(Consent.V1.Decision.Withdrawn)));
        }

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
        var rows = await database.ReadAsync(c => store.ReportsAsync(c, request.CouncilId, ct), ct);
        return new ListCharterReportsResponse
        {
            Reports = { rows.Select(r => new CharterReport { Id = r.Id, CouncilId = r.CouncilId, Year = (int)r.Year, ProducedBy = r.ProducedBy, ProducedAt = r.ProducedAt.ToTimestamp() }) },
            Status = Evaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct)),
        };
    }

    public override async Task<GetCharterReportResponse> GetCharterReport(GetCharterReportRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("report_id", request.ReportId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        var row = await database.ReadAsync(c => store.ReportAsync(c, request.ReportId, ct), ct) ?? throw new NotFoundException("charter report", request.ReportId);
        await evaluation.RequireCoordinatorAsync(caller, row.CouncilId, ct);
        return new GetCharterReportResponse { Report = CharterReport.Parser.ParseFrom(row.Report) };
    }

    public override async Task<GetEvaluationStatusResponse> GetEvaluationStatus(GetEvaluationStatusRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        await evaluation.RequireCoordinatorAsync(caller, request.CouncilId, ct);
        return new GetEvaluationStatusResponse { Status = Evaluation.ToMessage(request.CouncilId, await evaluation.StateAsync(request.CouncilId, ct)) };
    }
}
