using System.Threading.RateLimiting;
using Clspd.Gateway.Configuration;
using Clspd.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Clspd.Gateway.Limits;

/// <summary>
/// GW-2: calls per second per caller, partitioned by the validated token's <c>sub</c>; a refused
/// call gets <c>ResourceExhausted</c>. Anonymous calls (health) are not limited here; calls without
/// a valid token never reach the limiter.
/// </summary>
public static class CallerRateLimiting
{
    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var subject = context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
            if (string.IsNullOrEmpty(subject))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            return RateLimitPartition.GetFixedWindowLimiter(subject, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitsPerSecond,
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = limits.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = (context, _) => new ValueTask(GrpcResponses.WriteStatusAsync(
            context.HttpContext.Response, StatusCode.ResourceExhausted,
            $"GW-2: too many calls from this caller (limit {limits.PermitsPerSecond} per second); retry later"));
    }
}
