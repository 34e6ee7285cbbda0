using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Mutual TLS between services: a client certificate chaining to <c>Tls:CaFile</c> names a peer
/// service (subject CN, or the first DNS name when there is no CN) and its organisation (subject O).
/// </summary>
public static class PeerCertificates
{
    /// <summary>The service named by the connection's client certificate.</summary>
    public const string ServiceClaim = "clspd:peer-service";

    /// <summary>The organisation named by the connection's client certificate.</summary>
    public const string OrganisationClaim = "clspd:peer-organisation";

    /// <summary>
    /// Certificate authentication of peers against the configured authorities. A validated certificate
    /// is cached (ASP.NET Core's certificate validation cache) so that the chain is built once per peer
    /// certificate, not on every call of a connection.
    /// </summary>
    public static AuthenticationBuilder AddPeerCertificates(this AuthenticationBuilder authentication, TlsOptions tls) =>
        authentication.AddCertificateCache().AddCertificate(o =>
        {
            o.AllowedCertificateTypes = CertificateTypes.Chained;
            o.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            o.CustomTrustStore = TlsFiles.Authorities(tls);
            o.RevocationMode = X509RevocationMode.NoCheck;
            o.ValidateCertificateUse = true;
            // A certificate's validity, like a token's lifetime, is checked against the wall clock.
            o.TimeProvider = TimeProvider.System;
            o.Events = new CertificateAuthenticationEvents
            {
                OnAuthenticationFailed = AuthenticationFailureLog.OnCertificateFailedAsync,
                OnCertificateValidated = context =>
                {
                    var certificate = context.ClientCertificate;
                    var service = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                    if (string.IsNullOrEmpty(service))
                    {
                        service = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
                    }

                    var claims = new List<Claim> { new(ServiceClaim, service) };
                    if (OrganisationOf(certificate) is { } organisation)
                    {
                        claims.Add(new Claim(OrganisationClaim, organisation));
                    }

                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CertificateAuthenticationDefaults.AuthenticationScheme));
                    context.Success();
                    return Task.CompletedTask;
                },
            };
        });

    /// <summary>The subject's O (organisation), if any.</summary>
    public static string? OrganisationOf(X509Certificate2 certificate)
    {
        foreach (var part in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (part.GetSingleElementType().Value == "2.5.4.10")
            {
                return part.GetSingleElementValue();
            }
        }

        return null;
    }
}
