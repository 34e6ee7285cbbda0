using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Records.Cases;

/// <summary>REC-6: a case as shown: case code, age band, reason codes and measures; identity only when given.</summary>
public sealed class CaseViews(FollowUpStore followUps)
{
    public async Task<V1.Case> ViewAsync(StoreSession s, CaseRow row, PersonRow person, DateOnly today, Identity? identity)
    {
        var view = Pseudonymous(row, person, today, identity);
        foreach (var referral in await followUps.ReferralsAsync(s, row.Id))
        {
            view.ReasonCodes.AddRange(ReasonCodes(referral.Reasons).Where(r => !view.ReasonCodes.Contains(r)));
        }

        foreach (var m in await followUps.MeasuresAsync(s, row.Id))
        {
            view.Measures.Add(new JudicialMeasure { MeasureRef = m.Id, Kind = (MeasureKind)m.Kind, Necessity = (MeasureNecessity)m.Necessity, StartDate = m.StartDate.ToProtoDate() });
        }

        return view;
    }

    /// <summary>
    /// ACC-1, REC-6: the measure implementer's view — the measures they carry out (no other), and the
    /// contact data needed to carry them out: the person's name, sex and contacts (no birth date),
    /// and for a minor the legal representatives' names and contacts. No age band, reason codes,
    /// follow-up or items.
    /// </summary>
    public async Task<V1.Case> MeasureViewAsync(StoreSession s, CaseRow row, PersonRow person, PersonFile file, DateOnly today,
        IReadOnlyCollection<string> measureRefs)
    {
        var view = new V1.Case
        {
            Id = row.Id, CaseCode = row.CaseCode, CouncilId = row.CouncilId, GroupId = row.GroupId, StartDate = row.StartDate.ToProtoDate(),
            Status = row.Status == CaseRow.Active ? CaseStatus.Active : CaseStatus.Archived,
            Identity = Contact(file.Surname, file.FirstNames, file.Sex, file.Address, file.Phone, file.Email),
        };
        foreach (var m in await followUps.MeasuresAsync(s, row.Id))
        {
            if (measureRefs.Contains(m.Id))
            {
                view.Measures.Add(new JudicialMeasure { MeasureRef = m.Id, Kind = (MeasureKind)m.Kind, Necessity = (MeasureNecessity)m.Necessity, StartDate = m.StartDate.ToProtoDate() });
            }
        }

        if (today < PersonRules.MinorUntil(person.Turns25On))
        {
            view.LegalRepresentatives.AddRange(file.LegalRepresentatives.Select(r => Contact(r.Surname, r.FirstNames, r.Sex, r.Address, r.Phone, r.Email)));
        }

        return view;
    }

    private static Identity Contact(string surname, string firstNames, Sex sex, string address, string phone, string email) =>
        new() { Surname = surname, FirstNames = firstNames, Sex = sex, Address = address, Phone = phone, Email = email };

    public static V1.Case Pseudonymous(CaseRow row, PersonRow person, DateOnly today, Identity? identity) => new()
    {
        Id = row.Id,
        CaseCode = row.CaseCode,
        SubjectRef = row.SubjectRef,
        CouncilId = row.CouncilId,
        GroupId = row.GroupId,
        AgeBand = PersonRules.AgeBand(person.Turns25On, today),
        StartDate = row.StartDate.ToProtoDate(),
        Identity = identity,
        Status = row.Status == CaseRow.Active ? CaseStatus.Active : CaseStatus.Archived,
        EndDate = row.EndDate?.ToProtoDate(),
        DestroyOn = row.DestroyOn?.ToProtoDate(),
    };

    public static string ReasonsText(IEnumerable<ReferralReason> reasons) => string.Join(',', reasons.Select(r => ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static IEnumerable<ReferralReason> ReasonCodes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => (ReferralReason)int.Parse(r, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The identity part of a sealed person file (the stored form reads as an Identity).</summary>
    public static Identity IdentityOf(byte[] sealedPlaintext)
    {
        var file = PersonFile.Parser.ParseFrom(sealedPlaintext);
        return new Identity { Surname = file.Surname, FirstNames = file.FirstNames, Sex = file.Sex, BirthDate = file.BirthDate, Address = file.Address, Phone = file.Phone, Email = file.Email };
    }
}
