namespace Clspd.Registry.Domain;

/// <summary>
/// The facts about a caller the registry's permission rules decide on: what the token says (a
/// service, a bootstrap administrator) and what the designations in force at the request's instant
/// say (coordinator of the council concerned or of any council, designated in the group concerned,
/// the participant concerned). Facts that a request does not concern stay false.
/// </summary>
public sealed record CallerStanding
{
    public bool IsService { get; init; }

    public bool IsBootstrapAdmin { get; init; }

    /// <summary>Holds a COORDINATOR designation in force in the council concerned.</summary>
    public bool CoordinatesCouncil { get; init; }

    /// <summary>Holds a COORDINATOR designation in force in some council.</summary>
    public bool CoordinatesAnyCouncil { get; init; }

    /// <summary>Holds a designation in force in the group concerned.</summary>
    public bool DesignatedInGroup { get; init; }

    /// <summary>Is the participant (or the token subject) the request is about.</summary>
    public bool IsTheParticipant { get; init; }

    /// <summary>A bootstrap administrator or the coordinator of the council concerned.</summary>
    public bool ManagesCouncil => IsBootstrapAdmin || CoordinatesCouncil;
}
