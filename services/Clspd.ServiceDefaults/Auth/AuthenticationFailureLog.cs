using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Logs a refused bearer token at warning (GW-1): the subject the token claims, when it can be read,
/// the client address and why it was refused — never the token itself, nor the validation message
/// (which may quote parts of it).
/// </summary>
public static partial class AuthenticationFailureLog
{
    public const string Category = "Clspd.Authentication";

    public static Task OnAuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        Refused(logger, Reason(context.Exception), ClaimedSubject(context.Request) ?? "(unknown)",
            context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.Request.Path.Value ?? string.Empty);
        return Task.CompletedTask;
    }

    /// <summary>A short reason, from the kind of failure only.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "signature not from a trusted key",
        SecurityTokenInvalidIssuerException => "untrusted issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        // SecurityTokenMalformedException among them.
        ArgumentException => "malformed",
        _ => exception.GetType().Name,
    };

    // The sub claim of a token that failed validation: what the caller says it is, unverified.
    private static string? ClaimedSubject(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            // Unverified text from the caller: short, printable, or not logged at all.
            var subject = new JsonWebToken(header[Prefix.Length..].Trim()).Subject;
            return subject is { Length: > 0 and <= 200 } && !subject.Any(char.IsControl) ? subject : null;
        }
        catch (ArgumentException)
        {
            // Not a JWT at all (SecurityTokenMalformedException is one).
            return null;
        }
    }

    /// <summary>
    /// Logs a client certificate refused at the TLS handshake (it does not chain to <c>Tls:CaFile</c>), with its
    /// subject and thumbprint (public parts of a certificate); returns false, the handshake's answer.
    /// </summary>
    public static bool CertificateRefused(ILoggerFactory loggers, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(certificate);
        CertificateRefused(loggers.CreateLogger(Category), "not issued by a trusted authority", certificate.Subject, certificate.Thumbprint);
        return false;
    }

    /// <summary>Logs a client certificate refused by the certificate authentication handler (e.g. not for client use).</summary>
    public static Task OnCertificateFailedAsync(Microsoft.AspNetCore.Authentication.Certificate.CertificateAuthenticationFailedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var certificate = context.HttpContext.Connection.ClientCertificate;
        CertificateRefused(logger, context.Exception.GetType().Name, certificate?.Subject ?? "(none)", certificate?.Thumbprint ?? "(none)");
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GW-1: client certificate refused ({Reason}): subject {CertificateSubject}, thumbprint {Thumbprint}")]
    private static partial void CertificateRefused(ILogger logger, string reason, string certificateSubject, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "GW-1: bearer token refused ({Reason}) for claimed subject {Subject} from {ClientAddress} on {Path}")]
    private static partial void Refused(ILogger logger, string reason, string subject, string clientAddress, string path);
}
