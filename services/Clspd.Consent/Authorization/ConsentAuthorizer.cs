using Clspd.Consent.Domain;
using Clspd.Consent.Peers;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Authorization;

/// <summary>
/// Loads the facts <see cref="ConsentPermissions"/> decides on (the token, the configured lists of
/// <see cref="ConsentOptions"/> and, only when it can change the answer and a registry is
/// configured, the caller's designations from the registry of the subject's council) and turns a
/// refusal into PermissionDenied naming its rule. With communes configured, a service sees only its
/// commune's councils (<see cref="CommuneScope"/>); a person counts only for the councils their
/// issuer is bound to (<see cref="CouncilBinding"/>). Callers hold no database session while it runs.
/// </summary>
public sealed class ConsentAuthorizer(IOptions<ConsentOptions> options, RegistryPeers registries)
{
    private ConsentOptions Options => options.Value;

    /// <summary>
    /// Record an informing, a decision or a withdrawal for a subject; asked before saying whether the
    /// subject exists (<paramref name="subjectGroups"/> null: unknown subject). The designations come
    /// from the registry of the subject's council (<paramref name="subjectCouncil"/>).
    /// </summary>
    public async Task EnsureMayRecordAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? subjectCouncil, string? groupId, ConsentRecording what, CancellationToken ct)
    {
        var facts = FactsOf(caller, subjectCouncil, subjectKnown: subjectGroups is not null);
        if (ConsentPermissions.RecordNeedsDesignation(facts))
        {
            facts = await WithDesignationAsync(facts, caller, subjectGroups, subjectCouncil, groupId, ct);
        }

        ConsentPermissions.Record(facts, what).ThrowIfDenied();
    }

    /// <summary>
    /// Read consent states, histories, receipts and registrations of a subject. Asked whether the subject
    /// is known or not, so that an unknown subject and one kept from the caller get the same answer,
    /// even when the registry does not answer (nothing leaks).
    /// </summary>
    public async Task EnsureMayReadAsync(Caller caller, IReadOnlyList<string>? subjectGroups, string? subjectCouncil, string? groupId, ConsentReading what, CancellationToken ct)
    {
        var facts = FactsOf(caller, subjectCouncil, subjectKnown: subjectGroups is not null);
        if (ConsentPermissions.ReadNeedsDesignation(facts))
        {
            facts = await WithDesignationAsync(facts, caller, subjectGroups, subjectCouncil, groupId, ct);
        }

        ConsentPermissions.Read(facts, what).ThrowIfDenied();
    }

    /// <summary>
    /// CON-3: register (or re-register) a subject. A commune's service registers only subjects of
    /// the councils it runs, and never re-registers another commune's subject (ACC-1).
    /// </summary>
    public void EnsureMayRegisterSubject(Caller caller, string? knownCouncil, string requestedCouncil)
    {
        ConsentPermissions.RegisterSubjects(FactsOf(caller, knownCouncil)).ThrowIfDenied();
        var visible = CouncilsVisibleTo(caller);
        if (knownCouncil is not null)
        {
            CommuneScope.MayReRegister(visible, knownCouncil).ThrowIfDenied();
        }

        if (visible is not null && knownCouncil is null && requestedCouncil.Length == 0)
        {
            throw new InvalidRequestException("council_id", "is required: this consent serves several communes, each hearing only of its own councils' subjects");
        }

        if (visible is not null && requestedCouncil.Length > 0)
        {
            CommuneScope.MayConcern(visible, requestedCouncil).ThrowIfDenied();
        }
    }

    /// <summary>REC-11: a council's counts; a commune's service reads only those of its own councils (ACC-1).</summary>
    public void EnsureMayReadStatistics(Caller caller, string councilId)
    {
        ConsentPermissions.ReadStatistics(FactsOf(caller, councilId)).ThrowIfDenied();
        CommuneScope.MayConcern(CouncilsVisibleTo(caller), councilId).ThrowIfDenied();
    }

    public void EnsureMayEditNotices(Caller caller) => ConsentPermissions.EditNotices(FactsOf(caller, null)).ThrowIfDenied();

    /// <summary>
    /// The councils whose subjects a calling service may hear about (ACC-1, minimal feeds): null when
    /// no commune is configured or the caller is not a service (people are decided by their designations).
    /// </summary>
    public IReadOnlySet<string>? CouncilsVisibleTo(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsService ? CommuneScope.CouncilsVisibleTo(Options.CommuneList, caller.Organisation) : null;
    }

    private async Task<ConsentCaller> WithDesignationAsync(ConsentCaller facts, Caller caller, IReadOnlyList<string>? subjectGroups, string? subjectCouncil, string? groupId, CancellationToken ct)
    {
        if (!CouncilBinding.ActsFor(caller.Councils, subjectCouncil) || registries.For(subjectCouncil) is not { } registry)
        {
            return facts;
        }

        var designations = CouncilBinding.Counting(await registry.DesignationsNowAsync(caller.Subject, ct), caller.Councils);
        return facts with { DesignatedForSubject = RecorderPolicy.IsDesignatedForSubject(designations, subjectGroups ?? [], groupId) };
    }

    /// <summary>
    /// The caller's facts about a subject of <paramref name="subjectCouncil"/>: a person whose issuer is
    /// bound to other councils is on no configured list for it (ACC-1), nor, when consent does not hold
    /// the subject (<paramref name="subjectKnown"/> false), for an unknown one: both get the same refusal.
    /// </summary>
    private ConsentCaller FactsOf(Caller caller, string? subjectCouncil, bool subjectKnown = true)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actsFor = caller.IsService ||
            (subjectKnown ? CouncilBinding.ActsFor(caller.Councils, subjectCouncil) : CouncilBinding.ActsForUnknownSubject(caller.Councils));
        return new ConsentCaller
        {
            IsService = caller.IsService, IsBootstrapAdmin = caller.IsBootstrapAdmin,
            IsRecorder = actsFor && Listed(Options.Recorders, caller), IsReader = actsFor && Listed(Options.Readers, caller),
            IsNoticeEditor = Listed(Options.NoticeEditors, caller),
        };
    }

    private static bool Listed(List<string> subjects, Caller caller) => subjects.Contains(caller.Subject, StringComparer.Ordinal);
}
