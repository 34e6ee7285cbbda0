using System.Text;
using Clspd.Records.Cases;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Records.SubjectRights;

/// <summary>REC-10: one case with everything in it, decrypted, for an export access has allowed.</summary>
public sealed class CaseExport(CaseViews views, CaseStore cases, FollowUpStore followUps, PersonStore persons)
{
    public async Task<ExportedCase> ExportAsync(StoreSession s, CaseRow row, PersonRow person, Identity? identity, DateOnly today, string decisionId)
    {
        var exported = new ExportedCase { Case = await views.ViewAsync(s, row, person, today, identity), DecisionId = decisionId };
        foreach (var r in await followUps.ReferralsAsync(s, row.Id))
        {
            exported.Referrals.Add(new ExportedReferral { Id = r.Id, Origin = (ReferralOrigin)r.Origin, Reasons = { CaseViews.ReasonCodes(r.Reasons) }, ReferredOn = r.ReferredOn.ToProtoDate() });
        }

        var followUp = await followUps.FollowUpAsync(s, row.Id);
        if (followUp is not null)
        {
            exported.FollowUp = new ExportedFollowUp
            {
                ReferralId = followUp.ReferralId, Programme = (Programme)followUp.Programme, PathReferentId = followUp.PathReferentId, StartDate = followUp.StartDate.ToProtoDate(),
            };
        }

        if (row.ElementsCipher is not null)
        {
            var text = await persons.OpenForAsync(s, row.SubjectRef, "elements:" + row.Id, row.ElementsCipher);
            exported.FollowUpElements = text is null ? "" : Encoding.UTF8.GetString(text);
        }

        foreach (var a in await followUps.ActionsAsync(s, row.Id))
        {
            exported.Actions.Add(new ExportedAction
            {
                Id = a.Id, Kind = (ActionKind)a.Kind, StartDate = a.StartDate.ToProtoDate(), EndDate = a.EndDate?.ToProtoDate(), Result = (ActionResult)a.Result,
            });
        }

        foreach (var i in await followUps.ItemsAsync(s, row.Id))
        {
            exported.Items.Add(new ExportedItem
            {
                Id = i.Id, Category = (ItemCategory)i.Category, Classification = (Classification)i.Classification, ObservedOn = i.ObservedOn.ToProtoDate(), Author = i.Author,
            });
        }

        foreach (var m in await cases.MovesAsync(s, row.Id))
        {
            exported.Moves.Add(new ExportedMove { FromGroupId = m.FromGroup, ToGroupId = m.ToGroup, Reason = (MoveReason)m.Reason, MovedAt = m.MovedAt.ToTimestamp() });
        }

        return exported;
    }
}
