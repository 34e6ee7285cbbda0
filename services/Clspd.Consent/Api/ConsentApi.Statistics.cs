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
        authorizer.EnsureMayReadStatistics(caller, request.CouncilId);

        var ct = context.CancellationToken;
        var (counts, registered, erased) = await database.ReadAsync(async s =>
            ((await store.CountDecisionsAsync(s, request.CouncilId, from, to)).Concat(await erasures.CountErasedDecisionsAsync(s, request.CouncilId, from, to)).ToList(),
             await subjects.CountOfCouncilAsync(s, request.CouncilId), await erasures.CountErasedSubjectsAsync(s, request.CouncilId)), ct);
        // REC-7: the decisions of erased subjects still count (REC-11), summed with the others.
        return new GetConsentStatisticsResponse
        {
            Subjects = registered, SubjectsErased = erased,
            Counts =
            {
                counts.GroupBy(r => (r.Purpose, r.Decision)).OrderBy(g => g.Key.Purpose).ThenBy(g => g.Key.Decision)
                    .Select(g => new ConsentCount { Purpose = (Purpose)g.Key.Purpose, Decision = (Decision)g.Key.Decision, Count = (int)g.Sum(r => r.Count) }),
            },
        };
    }
}
