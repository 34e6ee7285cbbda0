using Clspd.Rules;

namespace Clspd.Consent.Domain;

/// <summary>
/// Who may call what, as pure functions of the caller's facts: bootstrap administrators always;
/// services only what <c>ServiceCallPolicy</c> grants them, never to record; configured recorders,
/// readers and notice editors; participants designated in the person's group when a registry is
/// configured. Each refusal names its rule; the whole operation is refused (empty subject).
/// </summary>
public static class ConsentPermissions
{
    /// <summary>Whether the caller's designation (asked of the registry) can change <see cref="Record"/>'s answer.</summary>
    public static bool RecordNeedsDesignation(ConsentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !caller.IsService && !caller.IsBootstrapAdmin && !caller.IsRecorder;
    }

    /// <summary>
    /// Record an informing (CON-2), a decision (CON-3) or a withdrawal (CON-4) for a person: never a
    /// service on a person's behalf (GW-1); administrators, recorders and participants designated in
    /// the person's group.
    /// </summary>
    public static Violation? Record(ConsentCaller caller, ConsentRecording what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsService)
        {
            return Deny("GW-1", "a service identity may not record informing, consent or its withdrawal on a person's behalf");
        }

        return caller.IsBootstrapAdmin || caller.IsRecorder || caller.DesignatedForSubject
            ? null
            : Deny(RuleOf(what), "only participants designated in the person's group, or the department's configured recorders, may record informing and consent");
    }

    /// <summary>Whether the caller's designation (asked of the registry) can change <see cref="Read"/>'s answer.</summary>
    public static bool ReadNeedsDesignation(ConsentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !caller.IsService && !caller.IsBootstrapAdmin && !caller.IsRecorder && !caller.IsReader;
    }

    /// <summary>Read consent states, histories, receipts and registrations of a person.</summary>
    public static Violation? Read(ConsentCaller caller, ConsentReading what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return !ReadNeedsDesignation(caller) || caller.DesignatedForSubject
            ? null
            : Deny(RuleOf(what), "consent is read by the platform's services, the council's coordination and participants designated in the person's group");
    }

    /// <summary>CON-3: subjects are registered by records (a service), administrators and the department's recorders.</summary>
    public static Violation? RegisterSubjects(ConsentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsService || caller.IsBootstrapAdmin || caller.IsRecorder
            ? null
            : Deny("CON-3", "subjects are registered by the records service or the department's configured recorders");
    }

    /// <summary>REC-11: a council's raw decision counts go to the platform's services (records suppresses them) and administrators.</summary>
    public static Violation? ReadStatistics(ConsentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsService || caller.IsBootstrapAdmin
            ? null
            : Deny("REC-11", "raw consent counts are read by the records service, which publishes them suppressed, and administrators");
    }

    /// <summary>CON-1: notices are drafted and published by administrators and the configured notice editors.</summary>
    public static Violation? EditNotices(ConsentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsBootstrapAdmin || caller.IsNoticeEditor
            ? null
            : Deny("CON-1", "notices are drafted and published by the configured notice editors");
    }

    private static string RuleOf(ConsentRecording what) => what switch
    {
        ConsentRecording.Informing => "CON-2",
        ConsentRecording.Decision => "CON-3",
        ConsentRecording.Withdrawal => "CON-4",
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "not a recording"),
    };

    private static string RuleOf(ConsentReading what) => what switch
    {
        ConsentReading.State => "CON-4",
        ConsentReading.Record => "CON-5",
        ConsentReading.Notice => "CON-2",
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "not a reading"),
    };

    private static Violation Deny(string rule, string sentence) => new(rule, "", sentence);
}
