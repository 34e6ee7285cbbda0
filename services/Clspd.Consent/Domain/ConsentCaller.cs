namespace Clspd.Consent.Domain;

/// <summary>
/// The facts about a caller the consent service's permission rules decide on: what the token says,
/// the configured lists it is on (see <c>ConsentOptions</c>) and, when the registry was asked,
/// whether the caller is designated in the person's group (<see cref="RecorderPolicy"/>).
/// </summary>
public sealed record ConsentCaller
{
    public bool IsService { get; init; }

    public bool IsBootstrapAdmin { get; init; }

    /// <summary>On the configured recorders (e.g. the department's social workers).</summary>
    public bool IsRecorder { get; init; }

    /// <summary>On the configured readers (e.g. the council's coordinator).</summary>
    public bool IsReader { get; init; }

    /// <summary>On the configured notice editors (e.g. the controller's DPO).</summary>
    public bool IsNoticeEditor { get; init; }

    /// <summary>Designated in force, in a role that may record and read, in the person's group (false when the registry was not asked).</summary>
    public bool DesignatedForSubject { get; init; }
}
