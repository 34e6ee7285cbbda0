using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// At start-up: when tokens are checked against a local issuer's key (no OIDC authority), <c>Auth:IssuerKeyFile</c>
/// names a PEM file holding an ECDSA P-256 key. Otherwise the service would start and answer every call with an error.
/// </summary>
public sealed class IssuerKeyValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>What is wrong with <c>Auth:IssuerKeyFile</c>, as a sentence naming the setting, or null.</summary>
    public static string? Problem(AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.IssuerKeyFile))
        {
            return null;
        }

        var path = Path.GetFullPath(options.IssuerKeyFile);
        if (!File.Exists(path))
        {
            return $"Auth:IssuerKeyFile: the issuer key file {path} does not exist";
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(path));
            return key.KeySize == 256
                ? null
                : $"Auth:IssuerKeyFile: the key in {path} is an ECDSA key of {key.KeySize} bits; tokens are signed with ES256 (P-256)";
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"Auth:IssuerKeyFile: {path} holds no usable ECDSA P-256 public key in PEM form (-----BEGIN PUBLIC KEY-----) ({ex.Message})";
        }
    }
}
