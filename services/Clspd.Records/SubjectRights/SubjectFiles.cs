using Clspd.Access.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.SubjectRights;

/// <summary>
/// REC-10: a person and every case they hold, as the person's rights see them, and the access
/// decision (named view, audited) for each of those cases. The person and the cases are read in one
/// session, closed before the registry or access is asked.
/// </summary>
public sealed class SubjectFiles(Database database, CaseGate gate, CaseStore cases, PersonStore persons, RegistryPeer registry, AccessPeer access)
{
    /// <summary>
    /// The person and all their cases; an unknown reference gets the answer a person kept from the caller gets (ACC-1).
    /// With <paramref name="requireCases"/>, a person with no case left is refused (REC-10), and only to those who may learn they are still here.
    /// </summary>
    public async Task<(PersonRow Person, IReadOnlyList<CaseRow> Cases)> PersonWithCasesAsync(Caller caller, string subjectRef, bool requireCases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (person, rows) = await database.ReadAsync(async s =>
        {
            // An unknown reference gets the answer a person kept from the caller gets (ACC-1: nothing leaks).
            var person = await persons.FindAsync(s, subjectRef) ?? throw Unseen.Violation.ToDenial();
            var rows = new List<CaseRow>();
            foreach (var id in await cases.OfSubjectAsync(s, subjectRef))
            {
                rows.Add(await cases.FindAsync(s, id) ?? throw new NotFoundException("case", id));
            }

            return (person, rows);
        }, ct);
        if (rows.Count == 0 && requireCases)
        {
            // Access decides on cases; with none left, only the council's coordinator may learn that the person is still here.
            var adminOrService = caller.IsBootstrapAdmin || caller.IsService;
            CallerRules.LearnsCaselessPerson(adminOrService, !adminOrService && CallerRules.ActsFor(caller.Councils, person.CouncilId) && await registry.IsCoordinatorOfCouncilAsync(caller.Subject, person.CouncilId, ct)).ThrowIfDenied();
            // Access decides on cases: with none left there is nothing it could audit, and the person is about to be destroyed (REC-7).
            SubjectRightsRules.Rectifiable(rows.Count).ThrowIfAny();
        }

        return (person, rows);
    }

    /// <summary>Access's decision on one case in the named view, for an action on the person's behalf (a deny is PermissionDenied).</summary>
    public async Task<CheckResponse> DecideAsync(Caller caller, CaseRow row, AccessAction action, string justification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await access.RequireAllowedAsync(new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = action, View = View.Named, Resource = await gate.ResourceAsync(row, ct), Justification = justification,
        }, ct);
    }

    /// <summary>The decision ids of access on each case, in order (the first deny stops).</summary>
    public async Task<IReadOnlyList<string>> DecideAllAsync(Caller caller, IReadOnlyList<CaseRow> rows, AccessAction action, string justification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var decisions = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            decisions.Add((await DecideAsync(caller, row, action, justification, ct)).DecisionId);
        }

        return decisions;
    }
}
