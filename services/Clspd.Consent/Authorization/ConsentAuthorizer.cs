using Clspd.Consent.Domain;
using Clspd.Consent.Peers;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Authorization;

/// <summary>
/// Loads the facts <see cref="ConsentPermissions"/> decides on (the token, the configured lists of
/// <see cref="ConsentOptions"/> and, only when it can change the answer and a registry is
/// configured, the caller's designations from the registry) and turns a refusal into
/// PermissionDenied naming its rule. Callers hold no database session while it runs.
/// </summary>
public sealed class ConsentAuthorizer(IOptions<ConsentOptions> options, RegistryPeer? registry = null)
{
    private ConsentOptions Options => options.Value;

    /// <summary>
    /// Record an informing, a decision or a withdrawal for a subject; asked before saying whether the
    /// subject exists (<paramref name="subjectGroups"/> null: unknown subject).
    /// </summary>
    public async Task EnsureMayRecordAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? groupId, ConsentRecording what, CancellationToken ct)
    {
        var facts = FactsOf(caller);
        if (ConsentPermissions.RecordNeedsDesignation(facts))
        {
            facts = await WithDesignationAsync(facts, caller, subjectGroups, groupId, ct);
        }

        ConsentPermissions.Record(facts, what).ThrowIfDenied();
    }

    /// <summary>
    /// Read consent states, histories, receipts and registrations of a subject. Asked whether the subject
    /// is known or not, so that an unknown subject and one kept from the caller get the same answer,
    /// even when the registry does not answer (nothing leaks).
    /// </summary>
    public async Task EnsureMayReadAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? groupId, ConsentReading what, CancellationToken ct)
    {
        var facts = FactsOf(caller);
        if (ConsentPermissions.ReadNeedsDesignation(facts))
        {
            facts = await WithDesignationAsync(facts, caller, subjectGroups, groupId, ct);
        }

        ConsentPermissions.Read(facts, what).ThrowIfDenied();
    }

    public void EnsureMayRegisterSubjects(Caller caller) => ConsentPermissions.RegisterSubjects(FactsOf(caller)).ThrowIfDenied();

    public void EnsureMayReadStatistics(Caller caller) => ConsentPermissions.ReadStatistics(FactsOf(caller)).ThrowIfDenied();

    public void EnsureMayEditNotices(Caller caller) => ConsentPermissions.EditNotices(FactsOf(caller)).ThrowIfDenied();

    private async Task<ConsentCaller> WithDesignationAsync(ConsentCaller facts, Caller caller, IReadOnlyList<string>? subjectGroups, string? groupId, CancellationToken ct) =>
        registry is null
            ? facts
            : facts with { DesignatedForSubject = RecorderPolicy.IsDesignatedForSubject(await registry.DesignationsNowAsync(caller.Subject, ct), subjectGroups ?? [], groupId) };

    private ConsentCaller FactsOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ConsentCaller
        {
            IsService = caller.IsService, IsBootstrapAdmin = caller.IsBootstrapAdmin,
            IsRecorder = Listed(Options.Recorders, caller), IsReader = Listed(Options.Readers, caller), IsNoticeEditor = Listed(Options.NoticeEditors, caller),
        };
    }

    private static bool Listed(List<string> subjects, Caller caller) => subjects.Contains(caller.Subject, StringComparer.Ordinal);
}
