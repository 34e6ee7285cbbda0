using System.Diagnostics;
using Clspd.Access.Decisions;
using Clspd.Access.Diagnostics;
using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Access.Api;

/// <summary>
/// gRPC surface of the decisions: every decision, allow or deny, is audited before the answer
/// leaves (ACC-4).
/// </summary>
public sealed partial class AccessApi(DecisionMaker decisions, CallerResolver callers, ILogger<AccessApi> logger) : AccessService.AccessServiceBase
{
    public const int MaxBatch = 100;

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        if (CheckTimeline.Current is { } timeline)
        {
            timeline.Handled = Stopwatch.GetTimestamp();
        }

        var caller = callers.Resolve(context);
        DecisionMaker.Validate(request);
        RequireMayCheck(caller, request.Principal);
        return decisions.DecideAsync(request, BoundCouncils(caller, request), context.CancellationToken);
    }

    public override async Task<BatchCheckResponse> BatchCheck(BatchCheckRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator()
            .When(request.Items.Count == 0, "items", "at least one item is required")
            .When(request.Items.Count > MaxBatch, "items", $"at most {MaxBatch} items per batch (got {request.Items.Count})")
            .When(request.Items.Select(i => i.CorrelationId).Distinct(StringComparer.Ordinal).Count() != request.Items.Count, "items", "correlation ids must be unique")
            .ThrowIfInvalid();
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            new RequestValidator().Required($"items[{i}].correlation_id", item.CorrelationId, 64).ThrowIfInvalid();
            DecisionMaker.Validate(item.Check ?? new CheckRequest(), $"items[{i}].check.");
            RequireMayCheck(caller, item.Check!.Principal);
        }

        var results = await Task.WhenAll(request.Items.Select(async item =>
        {
            var (decision, unavailable) = await decisions.DecideOrDenyAsync(item.Check, BoundCouncils(caller, item.Check), context.CancellationToken);
            if (unavailable is not null)
            {
                // The item is an audited ACC-7 deny; the cause is for the operator, not the caller.
                LogFactsUnavailable(logger, unavailable.Cause ?? unavailable, decision.DecisionId);
            }

            return new BatchCheckResult { CorrelationId = item.CorrelationId, Decision = decision };
        }));
        return new BatchCheckResponse { Results = { results } };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A fact source could not be reached for decision {DecisionId} (ACC-7 deny)")]
    private static partial void LogFactsUnavailable(ILogger logger, Exception ex, string decisionId);

    /// <summary>
    /// Only the principal's designations in the councils their issuer is bound to count (ACC-1): a
    /// person checking their own access (ACC-6) is bound by their own token; a service asking for the
    /// person it serves (records) says which councils that person's token binds them to.
    /// </summary>
    private static IReadOnlyList<string> BoundCouncils(Caller caller, CheckRequest request) =>
        caller.IsService ? [.. request.PrincipalCouncils] : caller.Councils;

    private static void RequireMayCheck(Caller caller, string principal) => CheckCallers.MayCheck(caller.IsService, caller.Subject, principal).ThrowIfDenied();
}
