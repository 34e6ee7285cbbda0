using Clspd.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Store;

/// <summary>At start-up: the master key files are there and hold keys (a missing key is never replaced by a new one silently).</summary>
public sealed class MasterKeyValidation(IOptions<DatabaseOptions> database) : IValidateOptions<RecordsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordsOptions options) =>
        MasterKey.Problem(options, database.Value) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
