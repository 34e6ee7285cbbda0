using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Cli.Output;

/// <summary>
/// A refusal as a person reads it: the status in words, the rule ids, the server's sentence and
/// each field or precondition at fault; with --json the same as one JSON object. Both go to the
/// error stream; the exit code says which kind of failure it was (<see cref="ExitCodes"/>).
/// </summary>
public static partial class ErrorReport
{
    public static int Write(Run run, RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(ex);
        var exitCode = ExitCodes.For(ex.StatusCode);
        var details = ex.GetRpcStatus();
        var fields = details?.GetDetail<BadRequest>()?.FieldViolations.Select(v => (v.Field, v.Description)).ToList() ?? [];
        var preconditions = details?.GetDetail<PreconditionFailure>()?.Violations.ToList() ?? [];
        var message = details?.Message ?? ex.Status.Detail;
        var rules = RuleIds(details, preconditions, message);
        if (run.Json)
        {
            run.Err.WriteLine(JsonSerializer.Serialize(new ErrorJson(
                ex.StatusCode.ToString(), (int)ex.StatusCode, exitCode, rules, message,
                [.. fields.Select(f => new FieldJson(f.Field, f.Description))]), ErrorJsonContext.Default.ErrorJson));
            return exitCode;
        }

        var rulePart = rules.Count == 0 ? string.Empty : $" — rule {string.Join(", ", rules)}";
        run.Err.WriteLine($"error: {Words(ex.StatusCode)} ({ex.StatusCode}){rulePart}");
        run.Err.WriteLine($"  {message}");
        if (ex.StatusCode == StatusCode.Unavailable && details is null)
        {
            run.Err.WriteLine($"  could not reach the services through {run.Gateway}: is the local stack running (dotnet run --project deploy/Clspd.Local)? Otherwise pass --gateway.");
        }

        foreach (var (field, description) in fields.Where(f => message != $"{f.Field}: {f.Description}"))
        {
            run.Err.WriteLine($"  - {field}: {description}");
        }

        foreach (var violation in preconditions.Where(v => !string.IsNullOrEmpty(v.Subject)))
        {
            run.Err.WriteLine($"  - {violation.Type} on {violation.Subject}: {violation.Description}");
        }

        return exitCode;
    }

    /// <summary>The rule ids of a refusal: the PreconditionFailure types, else the ErrorInfo rule, else the id the message starts with.</summary>
    public static IReadOnlyList<string> RuleIds(Google.Rpc.Status? details, IEnumerable<PreconditionFailure.Types.Violation> preconditions, string message)
    {
        var ids = preconditions.Select(v => v.Type).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 && details?.GetDetail<ErrorInfo>() is { } info && info.Metadata.TryGetValue("rule_id", out var rule) && rule.Length > 0)
        {
            ids.Add(rule);
        }

        if (ids.Count == 0 && LeadingRule().Match(message ?? string.Empty) is { Success: true } match)
        {
            ids.Add(match.Groups[1].Value);
        }

        return ids;
    }

    private static string Words(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "invalid input",
        StatusCode.NotFound => "not found",
        StatusCode.AlreadyExists => "already exists",
        StatusCode.PermissionDenied => "refused",
        StatusCode.Unauthenticated => "not signed in",
        StatusCode.FailedPrecondition => "refused by a rule",
        StatusCode.Unavailable => "service unavailable",
        StatusCode.DeadlineExceeded => "no answer in time",
        StatusCode.ResourceExhausted => "limit reached",
        StatusCode.Unimplemented => "not available on this deployment",
        _ => "failed",
    };

    [GeneratedRegex(@"^([A-Z]{2,4}-\d+)\b")]
    private static partial Regex LeadingRule();
}
