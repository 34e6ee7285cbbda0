using Clspd.Records.V1;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Api;

/// <summary>REC-1: what a person record may contain, checked field by field before anything is written.</summary>
public static class PersonInput
{
    public const int MaxLegalRepresentatives = 2;

    public static void Validate(CreatePersonRequest request)
    {
        var identity = request.Identity ?? new Identity();
        var v = new RequestValidator().RequestId(request.RequestId).Required("council_id", request.CouncilId, 64);
        IdentityFields(v, "identity", identity);
        v.Known("identity.sex", identity.Sex)
            .When(request.LegalRepresentatives.Count > MaxLegalRepresentatives, "legal_representatives", $"REC-1: at most {MaxLegalRepresentatives} legal representatives")
            .When(request.SchoolLevel != SchoolLevel.Unspecified && request.ProfessionalSituation != ProfessionalSituation.Unspecified,
                "professional_situation", "REC-1: school level or professional situation, not both")
            .When(!Enum.IsDefined(request.SchoolLevel), "school_level", "REC-1: unknown school level (closed list)")
            .When(!Enum.IsDefined(request.ProfessionalSituation), "professional_situation", "REC-1: unknown professional situation (closed list)");
        for (var i = 0; i < request.LegalRepresentatives.Count; i++)
        {
            var rep = request.LegalRepresentatives[i];
            IdentityFields(v, $"legal_representatives[{i}]", rep);
            v.When(!Enum.IsDefined(rep.Sex), $"legal_representatives[{i}].sex", "unknown value")
                .When(rep.BirthDate is not null, $"legal_representatives[{i}].birth_date", "REC-1: a legal representative's birth date is not collected");
        }

        var unknown = Whitelist.FirstUnknown(request, "");
        v.When(unknown is not null, unknown ?? "",
            "REC-1: contains fields outside the whitelist (surname, first names, sex, birth date, address, phone, e-mail; school level or professional situation)");
        v.ThrowIfInvalid();
    }

    private static void IdentityFields(RequestValidator v, string prefix, Identity identity) =>
        v.Required(prefix + ".surname", identity.Surname, 100).Required(prefix + ".first_names", identity.FirstNames, 200)
            .MaxLength(prefix + ".address", identity.Address, 300).MaxLength(prefix + ".phone", identity.Phone, 30)
            .MaxLength(prefix + ".email", identity.Email, 200);

    /// <summary>The sealed form of a person: identity, legal representatives with their references, situation.</summary>
    public static PersonFile ToFile(CreatePersonRequest request, IReadOnlyList<string> representativeRefs)
    {
        var i = request.Identity;
        return new PersonFile
        {
            Surname = i.Surname, FirstNames = i.FirstNames, Sex = i.Sex, BirthDate = i.BirthDate, Address = i.Address, Phone = i.Phone, Email = i.Email,
            LegalRepresentatives = { request.LegalRepresentatives }, LegalRepresentativeRefs = { representativeRefs },
            SchoolLevel = request.SchoolLevel, ProfessionalSituation = request.ProfessionalSituation,
        };
    }
}
