namespace Clspd.Cli.Output;

/// <summary>One field at fault in a refusal.</summary>
public sealed record FieldJson(string Field, string Description);
