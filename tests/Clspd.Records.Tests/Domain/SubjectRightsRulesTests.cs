using Clspd.Records.Domain;
using Clspd.Rules;

namespace Clspd.Records.Tests.Domain;

public sealed class SubjectRightsRulesTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public void Rectifiable_NoCaseLeft_ViolationOnSubject_REC_10(int cases, bool refused)
    {
        var violation = SubjectRightsRules.Rectifiable(cases);
        Assert.Equal(refused ? new Violation("REC-10", "subject_ref", "the person has no case left: their identity is no longer rectified, it is about to be destroyed") : null,
            violation);
    }

    [Theory]
    [InlineData(new[] { "surname" }, false)]
    [InlineData(new[] { "surname", "first_names", "sex", "birth_date", "address", "phone", "email" }, false)]
    [InlineData(new[] { "surname", "nir" }, true)]
    [InlineData(new[] { "school_level" }, true)]
    public void IdentityFieldsKnown_FieldOutsideIdentity_InvalidFields_REC_1(string[] fields, bool refused) =>
        Assert.Equal(refused ? "REC-1 fields" : null, IdentityFields.Known(fields) is { } v ? $"{v.RuleId} {v.Subject}" : null);
}
