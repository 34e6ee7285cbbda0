using System.Text.Json;

namespace Clspd.Cli.Tests;

/// <summary>What one clspd invocation printed and returned.</summary>
public sealed record CliResult(int Code, string Output, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"exit {Code}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
