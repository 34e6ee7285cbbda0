using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Cases;

/// <summary>
/// "My cases" (ACC-1, ACC-4, ACC-5): the active cases a caller's designations may reach, each
/// decided by the access service in the pseudonymous view (the measure view for an implementer)
/// and so audited as a read, then listed without any name. Every step closes its session before a
/// peer is asked: the registry (designations), records (candidates and their facts), access (the
/// decisions, one batch), records again (age bands), the registry (group names).
/// </summary>
public sealed class MyCases(Database database, CaseStore cases, FollowUpStore followUps, PersonStore persons, CaseGate gate,
    RegistryPeer registry, AccessPeer access)
{
    public async Task<ListMyCasesResponse> ListAsync(Caller caller, ListMyCasesRequest request, int pageSize, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var designations = await registry.DesignationsAsync(caller.Subject, ct);
        var reach = CaseReach.Of(designations.Designations, designations.Participant?.Id ?? "", caller.Councils);
        if (reach.IsEmpty)
        {
            return new ListMyCasesResponse();
        }

        var query = new CaseReachQuery(reach.Councils, reach.Groups, reach.CaseRefs, reach.Meetings, reach.Measures, reach.ParticipantId);
        var (rows, named) = await database.ReadAsync(async s =>
        {
            var found = await cases.ReachableAsync(s, query, request.CouncilId, request.GroupId, request.AfterCaseId, pageSize + 1);
            return (found, await followUps.NamedReferentOfAsync(s, reach.ParticipantId, [.. found.Take(pageSize).Select(r => r.Id)]));
        }, ct);
        var page = rows.Take(pageSize).ToList();
        var response = new ListMyCasesResponse { NextAfterCaseId = rows.Count > pageSize ? page[^1].Id : "" };
        if (page.Count == 0)
        {
            return response;
        }

        var resources = await gate.ResourcesAsync(page, ct);
        var relations = page.Select((row, i) => reach.RelationsTo(row.Id, row.CouncilId, row.GroupId, resources[i].AgendaMeetingIds, resources[i].MeasureRefs, named.Contains(row.Id))).ToList();
        var decisions = await access.DecideAllAsync([.. page.Select((_, i) => new CheckRequest
        {
            Principal = caller.Subject, PrincipalCouncils = { caller.Councils }, Action = AccessAction.ReadCase, View = CaseReach.ViewFor(relations[i]),
            Resource = resources[i], MinRegistryRevision = request.MinRegistryRevision, MinConsentRevision = request.MinConsentRevision,
        })], ct);

        var listed = new List<(CaseRow Row, CheckResponse Decision, IReadOnlyList<CaseRelation> Relations)>();
        for (var i = 0; i < page.Count; i++)
        {
            if (CaseReach.Listing(decisions[i], named.Contains(page[i].Id)) != MyCaseListing.LeftOut)
            {
                listed.Add((page[i], decisions[i], relations[i]));
            }
        }

        var shown = listed.Where(l => l.Decision.Outcome == Outcome.Allow).Select(l => l.Row).ToList();
        // One query for the page's persons, not one per case shown.
        var turns25On = await database.ReadAsync(s => persons.Turns25OnAsync(s, [.. shown.Select(r => r.SubjectRef)]), ct);
        var bands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in shown)
        {
            if (turns25On.TryGetValue(row.SubjectRef, out var day))
            {
                bands[row.Id] = PersonRules.AgeBand(day, today);
            }
        }

        var groupNames = await GroupNamesAsync(shown.Select(r => r.GroupId), ct);

        response.Cases.AddRange(listed.Select(l => l.Decision.Outcome == Outcome.Allow
            ? Shown(l.Row, l.Decision, l.Relations, groupNames.GetValueOrDefault(l.Row.GroupId, ""), bands.GetValueOrDefault(l.Row.Id, ""))
            : Refused(l.Row.Id, l.Decision, l.Relations)));
        return response;
    }

    private static MyCase Shown(CaseRow row, CheckResponse decision, IReadOnlyList<CaseRelation> relations, string groupName, string ageBand)
    {
        var measureOnly = decision.View == View.MeasureOnly;
        return new MyCase
        {
            CaseId = row.Id, Relations = { relations }, CaseCode = row.CaseCode, CouncilId = row.CouncilId, GroupId = row.GroupId, GroupName = groupName,
            Status = CaseStatus.Active, StartDate = row.StartDate.ToProtoDate(), AgeBand = measureOnly ? "" : ageBand, MeasureOnly = measureOnly,
            DecisionId = decision.DecisionId,
        };
    }

    private static MyCase Refused(string caseId, CheckResponse decision, IReadOnlyList<CaseRelation> relations) => new()
    {
        CaseId = caseId, Relations = { relations },
        Refusal = new CaseRefusal { RuleIds = { decision.RuleIds }, Reason = decision.Reason, DecisionId = decision.DecisionId },
    };

    // The registry's display names of the groups shown; a group it no longer knows keeps an empty name.
    private async Task<Dictionary<string, string>> GroupNamesAsync(IEnumerable<string> groupIds, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in groupIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                names[id] = (await registry.GroupAsync(id, ct)).Name;
            }
            catch (NotFoundException)
            {
                names[id] = "";
            }
        }

        return names;
    }
}
