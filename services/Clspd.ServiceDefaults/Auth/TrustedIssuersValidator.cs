using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>Refuses to start with trusted issuers that cannot work, naming the setting.</summary>
public sealed class TrustedIssuersValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        TrustedIssuers.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
