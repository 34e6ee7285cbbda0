using Clspd.Records.Domain;
using Clspd.Rules;
using Clspd.Records.V1;

namespace Clspd.Records.Tests.Domain;

public sealed class PersonInputRulesTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void LegalRepresentatives_MoreThanTwo_Violation_REC_1(int count, bool refused) =>
        Assert.Equal(refused ? new Violation("REC-1", "legal_representatives", "at most 2 legal representatives") : null,
            PersonInputRules.LegalRepresentatives(count));

    [Theory]
    [InlineData(SchoolLevel.Unspecified, ProfessionalSituation.Unspecified, "")]
    [InlineData(SchoolLevel.Unspecified, ProfessionalSituation.Employed, "")]
    [InlineData(SchoolLevel.Unspecified, (ProfessionalSituation)99, "professional_situation")]
    [InlineData((SchoolLevel)99, ProfessionalSituation.Unspecified, "school_level")]
    [InlineData((SchoolLevel)99, (ProfessionalSituation)99, "professional_situation,school_level,professional_situation")]
    public void Situation_BothOrUnknown_ViolationsInOrder_REC_1(SchoolLevel school, ProfessionalSituation situation, string subjects)
    {
        var violations = PersonInputRules.Situation(school, situation);
        Assert.Equal(subjects, string.Join(',', violations.Select(v => v.Subject)));
        Assert.All(violations, v => Assert.Equal("REC-1", v.RuleId));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "legal_representatives[1].birth_date")]
    public void RepresentativeBirthDate_Given_ViolationOnThatRepresentative_REC_1(bool given, string? subject) =>
        Assert.Equal(subject, PersonInputRules.RepresentativeBirthDate(1, given)?.Subject);

    [Theory]
    [InlineData(null, null)]
    [InlineData("identity", "identity")]
    public void Whitelisted_UnknownField_ViolationOnItsPath_REC_1(string? path, string? subject) =>
        Assert.Equal(subject, PersonInputRules.Whitelisted(path)?.Subject);
}
