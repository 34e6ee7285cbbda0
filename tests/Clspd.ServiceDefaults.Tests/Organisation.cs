using System.Security.Cryptography;
using Clspd.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>An organisation's issuer: its key (ECDSA or RSA), its public key file, and tokens it signs.</summary>
public sealed class Organisation : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly AsymmetricSecurityKey _securityKey;

    public Organisation(string issuer, string publicKeyFile, bool rsa)
    {
        Issuer = issuer;
        PublicKeyFile = publicKeyFile;
        if (rsa)
        {
            var key = RSA.Create(2048);
            _key = key;
            _securityKey = new RsaSecurityKey(key) { KeyId = "rsa-" + Guid.NewGuid().ToString("N")[..8] };
            File.WriteAllText(publicKeyFile, key.ExportSubjectPublicKeyInfoPem());
        }
        else
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            _key = key;
            _securityKey = new ECDsaSecurityKey(key) { KeyId = "ec-" + Guid.NewGuid().ToString("N")[..8] };
            File.WriteAllText(publicKeyFile, key.ExportSubjectPublicKeyInfoPem());
        }
    }

    public string Issuer { get; }

    public string PublicKeyFile { get; }

    /// <summary>The key that verifies its signatures, as an OIDC issuer's metadata would list it.</summary>
    public SecurityKey SigningKey => _securityKey;

    public string Access(string subject, string? issuer = null, string type = LocalIssuer.AccessTokenType, string? payloadType = null,
        string? tokenUse = null, string? algorithm = null, SigningCredentials? credentials = null, Dictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object>(extra ?? []);
        if (payloadType is not null)
        {
            claims["typ"] = payloadType;
        }

        if (tokenUse is not null)
        {
            claims["token_use"] = tokenUse;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer, Audience = LocalIssuer.DefaultAudience, Claims = claims,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)]),
            IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5), TokenType = type,
            SigningCredentials = credentials ?? new SigningCredentials(_securityKey,
                algorithm ?? (_securityKey is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256)),
        });
    }

    public void Dispose() => _key.Dispose();
}
