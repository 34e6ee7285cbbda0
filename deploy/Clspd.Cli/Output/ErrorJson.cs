namespace Clspd.Cli.Output;

/// <summary>The --json form of a refusal.</summary>
public sealed record ErrorJson(string Status, int Code, int ExitCode, IReadOnlyList<string> RuleIds, string Message, IReadOnlyList<FieldJson> FieldViolations);
