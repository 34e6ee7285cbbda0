using Clspd.Access.V1;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Api;

/// <summary>
/// The checks every change of case data passes, in order: the case exists and the access service
/// allows the write — ACCESS_ACTION_PROGRAMME_ACTION for programme actions (ACC-3),
/// ACCESS_ACTION_WRITE_CASE otherwise — (an unknown id and a case kept from the caller get the same
/// answer, <see cref="Unseen"/>), then the case is active (REC-7) and its council may process
/// nominative data (REG-1).
/// </summary>
public sealed class CaseGate(Database database, CaseStore cases, MeetingStore meetings, FollowUpStore followUps, Peers peers)
{
    public async Task<CaseRow> ForWriteAsync(Caller caller, string caseId, CancellationToken ct, AccessAction action = AccessAction.WriteCase, long minConsentRevision = 0)
    {
        // Access decides first, on the case as it is: a caller it keeps from the case gets the answer an
        // unknown id gets, and learns neither its state nor its council (ACC-1).
        var row = await database.ReadConnectionAsync(c => cases.FindAsync(c, caseId, ct), ct) ?? throw Unseen.Denial();
        await peers.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, Action = action, View = View.Pseudonymous, Resource = await ResourceAsync(row, ct), MinConsentRevision = minConsentRevision,
        }, ct);
        if (row.Status != CaseRow.Active)
        {
            throw new RuleViolationException("REC-7", "the case is archived: it no longer changes and appears in no list", "case_id");
        }

        var council = await peers.CouncilAsync(row.CouncilId, ct);
        if (!council.ReadyForNominativeProcessing)
        {
            throw new RuleViolationException("REG-1", "the council has not named its controller and coordinator: no case data may be written", row.CouncilId);
        }

        return row;
    }

    /// <summary>
    /// The case as access sees it: its body kind (REC-8; cases opened before the kind was stored
    /// take it from the registry group, so the wall holds for them too), the meetings whose agenda
    /// holds it now and its measures (ACC-1: what an occasional attendee's and a measure
    /// implementer's access rest on).
    /// </summary>
    public Task<CaseResource> ResourceAsync(CaseRow row, CancellationToken ct) => ResourceAsync(row, null, ct);

    /// <summary>As <see cref="ResourceAsync(CaseRow, CancellationToken)"/>, reading on an open connection when given (no second one).</summary>
    public async Task<CaseResource> ResourceAsync(CaseRow row, System.Data.Common.DbConnection? connection, CancellationToken ct)
    {
        var body = (BodyKind)row.BodyKind;
        if (body == BodyKind.Unspecified)
        {
            body = Bodies.Of((await peers.GroupAsync(row.GroupId, ct)).Kind);
        }

        async Task<(IReadOnlyList<string>, IReadOnlyList<string>)> Read(System.Data.Common.DbConnection c) =>
            (await meetings.MeetingsOfCaseAsync(c, row.Id, ct), await followUps.MeasureRefsAsync(c, row.Id, ct));
        var (agenda, measures) = connection is null ? await database.ReadConnectionAsync(Read, ct) : await Read(connection);
        return new CaseResource
        {
            CaseId = row.Id, SubjectRef = row.SubjectRef, CouncilId = row.CouncilId, GroupId = row.GroupId, BodyKind = body,
            AgendaMeetingIds = { agenda.Take(MaxRefs) }, MeasureRefs = { measures.Take(MaxRefs) },
        };
    }

    // The access service takes at most 100 of each; a case is never on more agendas or under more measures.
    private const int MaxRefs = 100;
}
