using Clspd.Records.V1;

namespace Clspd.Cli.Demo;

/// <summary>A young person of the demo: age today, group, number of legal representatives, decision.</summary>
public sealed record Young(string Surname, string FirstNames, Sex Sex, int Age, string Group, int Representatives, ConsentChoice Consent)
{
    public string Name => $"{FirstNames} {Surname}";
}
