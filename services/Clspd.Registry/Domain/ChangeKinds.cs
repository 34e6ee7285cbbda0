namespace Clspd.Registry.Domain;

/// <summary>The kinds of change the registry appends to its feed (each maps to one <c>WatchResponse</c> case).</summary>
internal static class ChangeKinds
{
    public const string Council = "council";
    public const string Group = "group";
    public const string Institution = "institution";
    public const string Participant = "participant";
    public const string Designation = "designation";
    public const string Meeting = "meeting";
    public const string CouncilOfficer = "council_officer";
    public const string CharterVersion = "charter_version";
    public const string CharterSignature = "charter_signature";
    public const string CharterAcceptance = "charter_acceptance";
    public const string Breach = "confidentiality_breach";
}
