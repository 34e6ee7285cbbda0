using System.Security.Claims;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>Reads the caller of a gRPC call from its validated bearer token.</summary>
public sealed class CallerResolver(IOptions<AuthOptions> options)
{
    public Caller Resolve(ServerCallContext context) => Resolve(context.GetHttpContext());

    // The request's caller, read once: the interceptors and the method all ask for it.
    private static readonly object Resolved = new();

    /// <summary>The caller of an HTTP request carrying a validated bearer token (read once per request and user).</summary>
    public Caller Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(Resolved, out var kept) && kept is (ClaimsPrincipal keptUser, Caller keptCaller) && ReferenceEquals(keptUser, http.User))
        {
            return keptCaller;
        }

        var caller = Read(http);
        http.Items[Resolved] = (http.User, caller);
        return caller;
    }

    private Caller Read(HttpContext http)
    {
        var user = http.User;
        var subject = user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (string.IsNullOrEmpty(subject) || user.Identity?.IsAuthenticated != true)
        {
            // The authorization policy refuses such calls first; this is defence in depth.
            throw new RpcException(new Status(StatusCode.Unauthenticated, "GW-1: a valid bearer token with a subject is required"));
        }

        var o = options.Value;
        // A service subject counts only from an issuer trusted to issue service identities and, over
        // TLS, only with the client certificate of that same service (mutual TLS): otherwise it is nobody.
        var isService = o.ServiceSubjects.Contains(subject, StringComparer.Ordinal) && user.HasClaim(c => c.Type == TrustedIssuers.ServiceIssuerClaim) &&
            (!http.Request.IsHttps || string.Equals(user.FindFirst(PeerCertificates.ServiceClaim)?.Value, ServiceIdentity.ServiceNameOf(subject), StringComparison.Ordinal));
        // A bootstrap administrator counts only from an issuer that issues this organisation's administrators.
        var isAdmin = o.BootstrapAdmins.Contains(subject, StringComparer.Ordinal) && user.HasClaim(c => c.Type == TrustedIssuers.AdministratorIssuerClaim);
        return new Caller(subject, isService, isAdmin)
        {
            // A service's organisation is its certificate's O (mutual TLS); otherwise the issuer's.
            Organisation = (isService && http.Request.IsHttps ? user.FindFirst(PeerCertificates.OrganisationClaim)?.Value : null)
                ?? user.FindFirst(TrustedIssuers.OrganisationClaim)?.Value,
            Councils = [.. user.FindAll(TrustedIssuers.CouncilClaim).Select(c => c.Value)],
        };
    }

    /// <summary>The caller, who must be one of the services.</summary>
    public Caller RequireService(ServerCallContext context)
    {
        var caller = Resolve(context);
        if (!caller.IsService)
        {
            throw new PermissionDeniedException("GW-1", "this operation is reserved to the services of the platform");
        }

        return caller;
    }
}
