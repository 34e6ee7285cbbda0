using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Clspd.Gateway.Diagnostics;

/// <summary>
/// GW-1 counted where the gateway refuses a call for want of a valid token: in the bearer challenge, whatever the
/// answer's form (gRPC Unauthenticated, JSON 401). Counted once per request: with several trusted issuers, the policy
/// scheme forwards the challenge to one issuer's scheme, and a request challenged twice is still one refusal. A
/// backend's own Unauthenticated, passed through, is the backend's, not the gateway's.
/// </summary>
public static class UnauthenticatedCounting
{
    private static readonly object Counted = new();

    /// <summary>Wraps the challenge of a bearer scheme (its answer unchanged) with the count.</summary>
    public static void Attach(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events ??= new JwtBearerEvents();
        var challenge = options.Events.OnChallenge;
        options.Events.OnChallenge = context =>
        {
            // Counted before the answer is written: whoever reads the answer finds the refusal already counted.
            if (context.HttpContext.Items.TryAdd(Counted, true))
            {
                context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().Rejected("GW-1", "unauthenticated");
            }

            return challenge(context);
        };
    }
}
