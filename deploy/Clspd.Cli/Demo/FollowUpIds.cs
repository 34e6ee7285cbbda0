namespace Clspd.Cli.Demo;

/// <summary>The follow-up the demo starts: its case, action and information item.</summary>
public sealed class FollowUpIds
{
    public string CaseId { get; set; } = "";

    public string ActionId { get; set; } = "";

    public string ItemId { get; set; } = "";
}
