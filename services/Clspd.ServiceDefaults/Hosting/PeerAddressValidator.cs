using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults;

/// <summary>Refuses to start when a peer would receive this service's bearer token in cleartext off loopback.</summary>
public sealed class PeerAddressValidator : IValidateOptions<PeerAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PeerAddressOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Address, UriKind.Absolute, out var address))
        {
            return ValidateOptionsResult.Fail($"{options.Setting ?? $"Services:{name}"}: '{options.Address}' is not an absolute http:// or https:// address");
        }

        return TlsFiles.CleartextProblem(options.Setting ?? $"Services:{name}", address) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
