using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Api;

/// <summary>REC-11: aggregate figures of a council's cases, small cells suppressed.</summary>
public sealed class StatisticsApi(Database database, CaseStore cases, Peers peers, CallerResolver callers, IOptions<RecordsOptions> options, TimeProvider time)
    : StatisticsService.StatisticsServiceBase
{
    private static readonly Google.Protobuf.Reflection.EnumDescriptor ReasonNames =
        RecordsReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(ReferralReason));

    public override async Task<GetCaseStatisticsResponse> GetCaseStatistics(GetCaseStatisticsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var ct = context.CancellationToken;
        if (!caller.IsBootstrapAdmin && !caller.IsService && !await peers.IsDesignatedInCouncilAsync(caller.Subject, request.CouncilId, ct))
        {
            throw new PermissionDeniedException("ACC-1", "only participants designated in this council may read its statistics");
        }

        var (rows, reasons) = await database.ReadAsync(c => cases.StatisticsAsync(c, request.CouncilId, ct), ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var threshold = options.Value.StatisticsThreshold;
        var response = new GetCaseStatisticsResponse { Threshold = threshold };
        Add(response, "body", rows.Select(r => (BodyKind)r.BodyKind switch { BodyKind.Cddf => "CDDF", BodyKind.ClspdGroup => "CLSPD_GROUP", _ => "UNKNOWN" }), threshold);
        Add(response, "age_band", rows.Select(r => PersonRules.AgeBand(r.Turns25On, today)), threshold);
        Add(response, "referral_reason", reasons.SelectMany(CaseViews.ReasonCodes).Select(r => ReasonNames.FindValueByNumber((int)r)?.Name ?? "UNKNOWN"), threshold);
        Add(response, "follow_up_duration", rows.Where(r => r.EndDate is not null).Select(r => Statistics.DurationBand(r.StartDate, r.EndDate!.Value)), threshold);
        return response;
    }

    private static void Add(GetCaseStatisticsResponse response, string dimension, IEnumerable<string> values, int threshold)
    {
        foreach (var group in values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (count, suppressed) = Statistics.Cell(group.Count(), threshold);
            response.Cells.Add(new StatisticCell { Dimension = dimension, Value = group.Key, Count = count, Suppressed = suppressed });
        }
    }
}
