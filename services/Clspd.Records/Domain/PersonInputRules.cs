using Clspd.Records.V1;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-1: what a person record may contain beyond the identity fields themselves (each refusal names the request field).</summary>
public static class PersonInputRules
{
    public const int MaxLegalRepresentatives = 2;

    /// <summary>REC-1: at most two legal representatives.</summary>
    public static Violation? LegalRepresentatives(int count) =>
        count > MaxLegalRepresentatives ? new Violation("REC-1", "legal_representatives", $"at most {MaxLegalRepresentatives} legal representatives") : null;

    /// <summary>REC-1: school level or professional situation (not both), each from its closed list.</summary>
    public static IReadOnlyList<Violation> Situation(SchoolLevel schoolLevel, ProfessionalSituation professionalSituation)
    {
        var violations = new List<Violation>();
        if (schoolLevel != SchoolLevel.Unspecified && professionalSituation != ProfessionalSituation.Unspecified)
        {
            violations.Add(new Violation("REC-1", "professional_situation", "school level or professional situation, not both"));
        }

        if (!Enum.IsDefined(schoolLevel))
        {
            violations.Add(new Violation("REC-1", "school_level", "unknown school level (closed list)"));
        }

        if (!Enum.IsDefined(professionalSituation))
        {
            violations.Add(new Violation("REC-1", "professional_situation", "unknown professional situation (closed list)"));
        }

        return violations;
    }

    /// <summary>REC-1: a legal representative's birth date is not collected (the field of the representative at <paramref name="index"/>).</summary>
    public static Violation? RepresentativeBirthDate(int index, bool given) =>
        given ? new Violation("REC-1", $"legal_representatives[{index}].birth_date", "a legal representative's birth date is not collected") : null;

    /// <summary>REC-1: a field unknown to this version of the contract (<paramref name="unknownPath"/>, null when none) is refused rather than silently dropped.</summary>
    public static Violation? Whitelisted(string? unknownPath) =>
        unknownPath is null
            ? null
            : new Violation("REC-1", unknownPath,
                "contains fields outside the whitelist (surname, first names, sex, birth date, address, phone, e-mail; school level or professional situation)");
}
