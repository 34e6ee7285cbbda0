using Clspd.Records.Domain;
using Clspd.Records.V1;
using Clspd.Rules;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Persons;

/// <summary>REC-1: what a person record may contain, checked field by field before anything is written.</summary>
public static class PersonInput
{
    public static void Validate(CreatePersonRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = request.Identity ?? new Identity();
        var v = new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64);
        IdentityFields(v, "identity", identity);
        v.Known("identity.sex", identity.Sex);
        Reject(v, PersonInputRules.LegalRepresentatives(request.LegalRepresentatives.Count));
        foreach (var violation in PersonInputRules.Situation(request.SchoolLevel, request.ProfessionalSituation))
        {
            Reject(v, violation);
        }

        for (var i = 0; i < request.LegalRepresentatives.Count; i++)
        {
            var rep = request.LegalRepresentatives[i];
            IdentityFields(v, $"legal_representatives[{i}]", rep);
            v.When(!Enum.IsDefined(rep.Sex), $"legal_representatives[{i}].sex", "unknown value");
            Reject(v, PersonInputRules.RepresentativeBirthDate(i, rep.BirthDate is not null));
        }

        Reject(v, PersonInputRules.Whitelisted(Whitelist.FirstUnknown(request, "")));
        v.ThrowIfInvalid();
    }

    // A rule's refusal of one field, as the validator reports it: the field, then "REC-1: sentence".
    private static void Reject(RequestValidator v, Violation? violation)
    {
        if (violation is not null)
        {
            v.Add(violation.Subject, violation.ToString());
        }
    }

    private static void IdentityFields(RequestValidator v, string prefix, Identity identity) =>
        v.Required(prefix + ".surname", identity.Surname, 100).Required(prefix + ".first_names", identity.FirstNames, 200)
            .MaxLength(prefix + ".address", identity.Address, 300).MaxLength(prefix + ".phone", identity.Phone, 30)
            .MaxLength(prefix + ".email", identity.Email, 200);

    /// <summary>The sealed form of a person: identity, legal representatives with their references, situation.</summary>
    public static PersonFile ToFile(CreatePersonRequest request, IReadOnlyList<string> representativeRefs)
    {
        ArgumentNullException.ThrowIfNull(request);
        var i = request.Identity;
        return new PersonFile
        {
            Surname = i.Surname, FirstNames = i.FirstNames, Sex = i.Sex, BirthDate = i.BirthDate, Address = i.Address, Phone = i.Phone, Email = i.Email,
            LegalRepresentatives = { request.LegalRepresentatives }, LegalRepresentativeRefs = { representativeRefs },
            SchoolLevel = request.SchoolLevel, ProfessionalSituation = request.ProfessionalSituation,
        };
    }
}
