using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>REC-11: counts of a council's consent decisions, for the evaluation records publishes.</summary>
public sealed partial class ConsentApi
{
    public override async Task<GetConsentStatisticsResponse> GetConsentStatistics(GetConsentStatisticsRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("council_id", request.CouncilId, 64).ThrowIfInvalid();
        var from = ProtoConvert.RequiredInstant(request.From, "from");
        var to = ProtoConvert.RequiredInstant(request.To, "to");
        new RequestValidator().When(to <= from, "to", "must be after from").ThrowIfInvalid();
        authorizer.EnsureMayReadStatistics(caller);

        var ct = context.CancellationToken;
        var (counts, registered) = await database.ReadAsync(async c =>
            (await store.CountDecisionsAsync(c, request.CouncilId, from, to, ct), await subjects.CountOfCouncilAsync(c, request.CouncilId, ct)), ct);
        return new GetConsentStatisticsResponse
        {
            Subjects = registered,
            Counts = { counts.Select(r => new ConsentCount { Purpose = (Purpose)r.Purpose, Decision = (Decision)r.Decision, Count = (int)r.Count }) },
        };
    }
}
