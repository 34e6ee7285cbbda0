namespace Clspd.Local;

/// <summary>Where the local stack keeps its data: <c>--data</c>, else <c>CLSPD_DATA</c>, else <c>.clspd</c> in the current directory.</summary>
public static class DataDirectory
{
    public const string Variable = "CLSPD_DATA";
    public const string DefaultName = ".clspd";

    public static string Resolve(string? option)
    {
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultName;
        return Path.GetFullPath(chosen);
    }
}
