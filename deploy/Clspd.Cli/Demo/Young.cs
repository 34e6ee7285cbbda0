using Clspd.Records.V1;

namespace Clspd.Cli.Demo;

/// <summary>A young person of the demo: age today, group, number of legal representatives, decision, and who referred them and why (REC-2).</summary>
public sealed record Young(string Surname, string FirstNames, Sex Sex, int Age, string Group, int Representatives, ConsentChoice Consent, ReferralOrigin Origin, ReferralReason Reason)
{
    public string Name => $"{FirstNames} {Surname}";
}
