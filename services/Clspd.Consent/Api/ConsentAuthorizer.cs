using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Api;

/// <summary>
/// Who may call what (see <see cref="ConsentOptions"/>): bootstrap administrators always; services
/// only what <see cref="ServiceCallPolicy"/> grants them, never to record; configured recorders,
/// readers and notice editors; participants designated in the person's group when a registry is
/// configured. Refusals are PermissionDenied naming a rule id.
/// </summary>
public sealed class ConsentAuthorizer(IOptions<ConsentOptions> options, DesignationLookup? registry = null)
{
    private ConsentOptions Options => options.Value;

    /// <summary>
    /// Record an informing (CON-2), a decision (CON-3) or a withdrawal (CON-4) for a subject; asked before
    /// saying whether the subject exists (<paramref name="subjectGroups"/> null: unknown subject).
    /// </summary>
    public async Task EnsureMayRecordAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? groupId, string ruleId, CancellationToken ct)
    {
        // No service records on a person's behalf (ServiceCallPolicy refuses them first; this is defence in depth).
        if (caller.IsService)
        {
            throw new PermissionDeniedException("GW-1", "a service identity may not record informing, consent or its withdrawal on a person's behalf");
        }

        if (caller.IsBootstrapAdmin || Listed(Options.Recorders, caller))
        {
            return;
        }

        if (registry is not null && await registry.IsDesignatedForAsync(caller.Subject, subjectGroups ?? [], groupId, ct))
        {
            return;
        }

        throw new PermissionDeniedException(ruleId,
            "only participants designated in the person's group, or the department's configured recorders, may record informing and consent");
    }

    /// <summary>Read consent states, histories, receipts and registrations of a subject.</summary>
    public async Task EnsureMayReadAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? groupId, string ruleId, CancellationToken ct)
    {
        if (IsPrivileged(caller) || Listed(Options.Recorders, caller) || Listed(Options.Readers, caller))
        {
            return;
        }

        // Asked whether the subject is known or not, so that an unknown subject and one kept from the caller
        // get the same answer, even when the registry does not answer (nothing leaks).
        if (registry is not null && await registry.IsDesignatedForAsync(caller.Subject, subjectGroups ?? [], groupId, ct))
        {
            return;
        }

        throw new PermissionDeniedException(ruleId,
            "consent is read by the platform's services, the council's coordination and participants designated in the person's group");
    }

    /// <summary>Register subjects: records (a service), administrators and the department's recorders.</summary>
    public void EnsureMayRegisterSubjects(Caller caller)
    {
        if (!IsPrivileged(caller) && !Listed(Options.Recorders, caller))
        {
            throw new PermissionDeniedException("CON-3", "subjects are registered by the records service or the department's configured recorders");
        }
    }

    /// <summary>REC-11: a council's raw decision counts go to the platform's services (records suppresses them) and administrators.</summary>
    public void EnsureMayReadStatistics(Caller caller)
    {
        if (!IsPrivileged(caller))
        {
            throw new PermissionDeniedException("REC-11", "raw consent counts are read by the records service, which publishes them suppressed, and administrators");
        }
    }

    /// <summary>Draft and publish notices: administrators and the configured notice editors.</summary>
    public void EnsureMayEditNotices(Caller caller)
    {
        if (!caller.IsBootstrapAdmin && !Listed(Options.NoticeEditors, caller))
        {
            throw new PermissionDeniedException("CON-1", "notices are drafted and published by the configured notice editors");
        }
    }

    private static bool IsPrivileged(Caller caller) => caller.IsService || caller.IsBootstrapAdmin;

    private static bool Listed(List<string> subjects, Caller caller) => subjects.Contains(caller.Subject, StringComparer.Ordinal);
}
