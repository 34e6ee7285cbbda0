using System.Security.Claims;
using System.Security.Cryptography;
using Clspd.ServiceDefaults.Files;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// The development token issuer of the local stack: an ECDSA P-256 key in the data directory
/// (<c>issuer.pem</c>, private; <c>issuer.pub.pem</c>, what services trust). Tokens carry only
/// who the caller is (<c>sub</c>); what they may do comes from the registry.
/// </summary>
public sealed class LocalIssuer : IDisposable
{
    public const string DefaultIssuer = "clspd-local";
    public const string DefaultAudience = "clspd";
    public const string PrivateKeyFileName = "issuer.pem";
    public const string PublicKeyFileName = "issuer.pub.pem";

    /// <summary>The header <c>typ</c> of an access token (RFC 9068).</summary>
    public const string AccessTokenType = "at+jwt";

    private readonly ECDsa _key;
    private readonly ECDsaSecurityKey _securityKey;

    private LocalIssuer(ECDsa key, string issuer, string audience)
    {
        _key = key;
        Issuer = issuer;
        Audience = audience;
        // The identity model caches signature providers by key id; the same key loaded again after
        // this instance is disposed must not pick up a provider bound to the disposed key.
        _securityKey = new ECDsaSecurityKey(key)
        {
            KeyId = KeyIdOf(key),
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
    }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>Loads the issuer of a data directory, creating its key on first use.</summary>
    public static LocalIssuer EnsureCreated(string dataDirectory, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        OwnerOnly.CreateDirectory(dataDirectory);
        var privatePath = Path.Combine(dataDirectory, PrivateKeyFileName);
        var publicPath = Path.Combine(dataDirectory, PublicKeyFileName);
        if (!File.Exists(privatePath))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            OwnerOnly.WriteAllText(privatePath, created.ExportPkcs8PrivateKeyPem(), overwrite: false);
        }

        var issuerKey = Load(privatePath, issuer, audience);
        OwnerOnly.WriteAllText(publicPath, issuerKey._key.ExportSubjectPublicKeyInfoPem());
        return issuerKey;
    }

    /// <summary>Loads an issuer from its private key PEM file.</summary>
    public static LocalIssuer Load(string privateKeyPath, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(privateKeyPath));
        return new LocalIssuer(key, issuer, audience);
    }

    /// <summary>Reads a public (or private) key PEM file as a validation key.</summary>
    public static ECDsaSecurityKey ReadValidationKey(string pemPath)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(pemPath));
        return new ECDsaSecurityKey(key) { KeyId = KeyIdOf(key) };
    }

    /// <summary>Reads an ECDSA or RSA public key PEM file (another organisation's issuer) as a validation key.</summary>
    public static AsymmetricSecurityKey ReadAnyValidationKey(string pemPath)
    {
        var pem = File.ReadAllText(pemPath);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa) { KeyId = KeyIdOf(ecdsa) };
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
    }

    /// <summary>Mints a token for a subject.</summary>
    public string Mint(string subject, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject)]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(_securityKey, SecurityAlgorithms.EcdsaSha256),
            // An access token (RFC 9068), which services require of a key-file issuer: never mistaken for an ID token.
            TokenType = AccessTokenType,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>
    /// Mints an OpenID Connect ID token for a client of the local stack's development sign-in
    /// (<c>aud</c> = the client, <c>typ: JWT</c>): never accepted by a service, which requires <see cref="AccessTokenType"/>.
    /// </summary>
    public string MintIdToken(string subject, string clientId, string? nonce, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        var issuedAt = now.UtcDateTime;
        var claims = new Dictionary<string, object> { ["auth_time"] = now.ToUnixTimeSeconds(), ["name"] = subject };
        if (!string.IsNullOrEmpty(nonce))
        {
            claims["nonce"] = nonce;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = clientId,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject)]),
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(_securityKey, SecurityAlgorithms.EcdsaSha256),
            TokenType = "JWT",
        });
    }

    /// <summary>The public key as a JSON Web Key (<c>kid</c>, <c>use: sig</c>, <c>alg: ES256</c>), for a JWKS document.</summary>
    public JsonWebKey PublicJsonWebKey()
    {
        using var publicKey = ECDsa.Create(_key.ExportParameters(includePrivateParameters: false));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicKey) { KeyId = _securityKey.KeyId });
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = SecurityAlgorithms.EcdsaSha256;
        return jwk;
    }

    public void Dispose() => _key.Dispose();

    private static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
