using Clspd.Consent.Domain;
using Microsoft.Extensions.Options;

namespace Clspd.Consent;

/// <summary>Refuses to start on a communes' configuration that cannot be served (a council in two communes, a commune without registry…).</summary>
public sealed class ConsentOptionsValidator : IValidateOptions<ConsentOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = CommuneScope.Problems(options.CommuneList);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
