using Clspd.Records.Domain;
using Clspd.Rules;

namespace Clspd.Records.Tests.Domain;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("2014-11-29", true)]   // 12 today
    [InlineData("2014-11-30", false)]  // 12 tomorrow
    [InlineData("2001-11-30", true)]   // 24, turns 25 tomorrow
    [InlineData("2001-11-29", false)]  // 25 today
    [InlineData("2000-05-01", false)]  // 26
    public void InFollowUpAge_Boundaries_REC_4(string birth, bool expected) =>
        Assert.Equal(expected, PersonRules.InFollowUpAge(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData("2014-11-29", null)]
    [InlineData("2014-11-30", "a person is followed only from 12 to 25 (this birth date gives 11 years)")]
    [InlineData("2001-11-29", "a person is followed only from 12 to 25 (this birth date gives 25 years)")]
    public void Recordable_OutsideFollowUpAge_ViolationGivingTheAge_REC_4(string birth, string? sentence)
    {
        var violation = PersonRules.Recordable(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Today);
        Assert.Equal(sentence is null ? null : new Violation("REC-4", "identity.birth_date", sentence), violation);
    }

    [Theory]
    [InlineData("2039-11-29", null)]  // 12 today
    [InlineData("2039-11-30", "start_date")] // 12 tomorrow
    [InlineData("2026-11-29", "start_date")] // 25 today
    public void FollowUpOpens_OutsideFollowUpAge_ViolationOnStartDate_REC_4(string turns25On, string? subject)
    {
        var violation = PersonRules.FollowUpOpens(DateOnly.Parse(turns25On, System.Globalization.CultureInfo.InvariantCulture), Today);
        Assert.Equal(subject, violation?.Subject);
        Assert.Equal(subject is null ? null : "no follow-up opens before 12 or at 25 or more", violation?.Sentence);
    }

    [Fact]
    public void MinorUntil_SevenYearsBeforeThe25thBirthday_REC_4() =>
        Assert.Equal(new DateOnly(2028, 4, 1), PersonRules.MinorUntil(new DateOnly(2035, 4, 1)));

    [Fact]
    public void TwentyFifthBirthday_LeapDay_FallsOnTheLastDayOfFebruary_REC_4() =>
        Assert.Equal(new DateOnly(2029, 2, 28), PersonRules.TwentyFifthBirthday(new DateOnly(2004, 2, 29)));

    [Theory]
    [InlineData("2014-01-01", "12-15")]
    [InlineData("2009-06-01", "16-17")]
    [InlineData("2006-01-01", "18-21")]
    [InlineData("2002-01-01", "22-24")]
    public void AgeBand_FromTwentyFifthBirthday_REC_6(string birth, string band)
    {
        var birthDate = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(band, PersonRules.AgeBand(PersonRules.TwentyFifthBirthday(birthDate), Today));
    }

    [Fact]
    public void NewCaseCode_HasNoAmbiguousCharacters_REC_6()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = PersonRules.NewCaseCode();
            Assert.Matches("^C-[2-9A-HJ-NP-Z]{6}$", code);
        }
    }
}
