using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Cases;

/// <summary>
/// The checks every change of case data passes, in order: the case exists and the access service
/// allows the write — ACCESS_ACTION_PROGRAMME_ACTION for programme actions (ACC-3),
/// ACCESS_ACTION_WRITE_CASE otherwise — (an unknown id and a case kept from the caller get the same
/// answer, <see cref="Unseen"/>), then the case is active (REC-7) and its council may process
/// nominative data (REG-1). No connection is open while a peer answers: the case's facts are read
/// in one session, closed, and only then is the registry or access asked.
/// </summary>
public sealed class CaseGate(Database database, CaseStore cases, MeetingStore meetings, FollowUpStore followUps, RegistryPeer registry, AccessPeer access)
{
    public async Task<CaseRow> ForWriteAsync(Caller caller, string caseId, CancellationToken ct, AccessAction action = AccessAction.WriteCase, long minConsentRevision = 0)
    {
        // Access decides first, on the case as it is: a caller it keeps from the case gets the answer an
        // unknown id gets, and learns neither its state nor its council (ACC-1).
        var (row, resource) = await SeenAsync(caseId, ct);
        await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = action, View = View.Pseudonymous, Resource = resource, MinConsentRevision = minConsentRevision,
        }, ct);
        CaseRules.Writable(row.Status == CaseRow.Active).ThrowIfAny();
        CouncilRules.CaseDataWritable((await registry.CouncilAsync(row.CouncilId, ct)).ReadyForNominativeProcessing, row.CouncilId).ThrowIfAny();
        return row;
    }

    /// <summary>
    /// The case and what access decides on, read in one session that is closed before any peer is
    /// asked; an unknown id is the answer a case kept from the caller gets (ACC-1).
    /// </summary>
    public async Task<(CaseRow Row, CaseResource Resource)> SeenAsync(string caseId, CancellationToken ct)
    {
        var facts = await database.ReadAsync(async s => await cases.FindAsync(s, caseId) is { } row ? await FactsAsync(s, row) : null, ct)
            ?? throw Unseen.Violation.ToDenial();
        return (facts.Row, await ResourceAsync(facts, ct));
    }

    /// <summary>The resource of a case already read (its agenda and measures read in a session of their own, closed before the registry is asked).</summary>
    public async Task<CaseResource> ResourceAsync(CaseRow row, CancellationToken ct) =>
        await ResourceAsync(await database.ReadAsync(s => FactsAsync(s, row), ct), ct);

    /// <summary>
    /// The resources of several cases already read, their agendas and measures read in one session
    /// closed before the registry is asked (only for cases opened before the body kind was stored).
    /// </summary>
    public async Task<IReadOnlyList<CaseResource>> ResourcesAsync(IReadOnlyList<CaseRow> rows, CancellationToken ct)
    {
        var facts = await database.ReadAsync(async s =>
        {
            var all = new List<CaseFacts>(rows.Count);
            foreach (var row in rows)
            {
                all.Add(await FactsAsync(s, row));
            }

            return all;
        }, ct);
        var resources = new List<CaseResource>(facts.Count);
        foreach (var f in facts)
        {
            resources.Add(await ResourceAsync(f, ct));
        }

        return resources;
    }

    private async Task<CaseFacts> FactsAsync(StoreSession s, CaseRow row) =>
        new(row, await meetings.MeetingsOfCaseAsync(s, row.Id), await followUps.MeasureRefsAsync(s, row.Id));

    /// <summary>
    /// The case as access sees it: its body kind (REC-8; cases opened before the kind was stored
    /// take it from the registry group, so the wall holds for them too), the meetings whose agenda
    /// holds it now and its measures (ACC-1: what an occasional attendee's and a measure
    /// implementer's access rest on).
    /// </summary>
    private async Task<CaseResource> ResourceAsync(CaseFacts facts, CancellationToken ct)
    {
        var row = facts.Row;
        var body = (BodyKind)row.BodyKind;
        if (body == BodyKind.Unspecified)
        {
            body = Bodies.Of((await registry.GroupAsync(row.GroupId, ct)).Kind);
        }

        return new CaseResource
        {
            CaseId = row.Id, SubjectRef = row.SubjectRef, CouncilId = row.CouncilId, GroupId = row.GroupId, BodyKind = body,
            AgendaMeetingIds = { facts.Agenda.Take(MaxRefs) }, MeasureRefs = { facts.Measures.Take(MaxRefs) },
        };
    }

    // The access service takes at most 100 of each; a case is never on more agendas or under more measures.
    private const int MaxRefs = 100;
}
