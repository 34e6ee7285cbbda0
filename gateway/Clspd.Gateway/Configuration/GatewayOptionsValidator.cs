using Clspd.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Clspd.Gateway.Configuration;

/// <summary>
/// Refuses to start with a backend name that is not a proto package name, an address that is not
/// absolute http(s), or a cleartext address off loopback (callers' tokens would cross the network).
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        foreach (var (service, address) in options.Backends)
        {
            if (service.Length == 0 || !service.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                failures.Add($"Gateway:Backends:{service}: a backend name must be the service part of its proto package (letters, digits, _)");
            }

            if (!string.IsNullOrWhiteSpace(address)
                && (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"Gateway:Backends:{service}: '{address}' is not an absolute http:// or https:// address");
            }
            else if (!string.IsNullOrWhiteSpace(address) && TlsFiles.CleartextProblem($"Gateway:Backends:{service}", new Uri(address)) is { } cleartext)
            {
                // The gateway forwards callers' bearer tokens.
                failures.Add(cleartext);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
