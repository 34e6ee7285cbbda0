using System.Threading.RateLimiting;
using Clspd.Gateway.Configuration;
using Clspd.Gateway.Diagnostics;
using Clspd.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Clspd.Gateway.Limits;

/// <summary>
/// GW-2: calls per second per caller. A call with a valid token counts for its <c>sub</c>; any other
/// call — health checks, no token, a token that failed validation — counts for its client address,
/// with a lower limit and no queue, so that nobody can make the gateway validate tokens or fan health
/// checks out to every backend without bound. A refused call gets <c>ResourceExhausted</c>.
/// The limiter runs after authentication and before authorization.
/// </summary>
public static class CallerRateLimiting
{
    private const string SubjectKey = "sub:";
    private const string AddressKey = "address:";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value : null;
            if (!string.IsNullOrEmpty(subject))
            {
                return RateLimitPartition.GetFixedWindowLimiter(SubjectKey + subject, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerSecond,
                    Window = TimeSpan.FromSeconds(1),
                    QueueLimit = limits.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
            }

            return RateLimitPartition.GetFixedWindowLimiter(AddressKey + ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.AnonymousPermitsPerSecond,
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = (context, _) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().Rejected("GW-2", "rate_limit");
            if (!GrpcResponses.IsGrpc(context.HttpContext.Request) && !GrpcResponses.IsJson(context.HttpContext.Request))
            {
                // /healthz and /readyz (a probe must not read a refusal as 200): 429, with the same limit. A
                // JSON call gets its 429 with the google.rpc.Status naming GW-2, below.
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return ValueTask.CompletedTask;
            }

            var authenticated = context.HttpContext.User.Identity?.IsAuthenticated == true;
            var message = authenticated
                ? $"GW-2: too many calls from this caller (limit {limits.PermitsPerSecond} per second); retry later"
                : $"GW-2: too many calls without a valid token from this address (limit {limits.AnonymousPermitsPerSecond} per second); retry later";
            return new ValueTask(GrpcResponses.WriteStatusAsync(context.HttpContext.Response, StatusCode.ResourceExhausted, message));
        };
    }
}
