using Clspd.Records.Domain;

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
