using Clspd.Consent.Domain;
using Microsoft.Extensions.Options;

namespace Clspd.Consent;

/// <summary>Refuses to start on a communes' configuration that cannot be served (a council in two communes, a commune without registry…).</summary>
public sealed class ConsentOptionsValidator(IConfiguration configuration) : IValidateOptions<ConsentOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = CommuneScope.Problems(options.CommuneList).ToList();
        if (options.Communes.Count > 0 && !string.IsNullOrWhiteSpace(configuration["Services:Registry"]))
        {
            problems.Add("Services:Registry is set next to Consent:Communes, which names each commune's registry: remove Services:Registry");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
