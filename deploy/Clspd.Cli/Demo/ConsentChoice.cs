namespace Clspd.Cli.Demo;

/// <summary>What a demo person decides about a named discussion of their situation.</summary>
public enum ConsentChoice
{
    Given,
    Refused,
    Withdrawn,
}
