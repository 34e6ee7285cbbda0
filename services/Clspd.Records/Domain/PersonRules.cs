using System.Security.Cryptography;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>Age rules (REC-4), age bands (REC-6) and pseudonymous case codes.</summary>
public static class PersonRules
{
    public const int MinimumAge = 12;
    public const int AgeLimit = 25;
    public const int MajorityAge = 18;

    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (day < birthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    /// <summary>REC-4: the day the person turns 25, when every follow-up ends and the record is destroyed at the latest.</summary>
    public static DateOnly TwentyFifthBirthday(DateOnly birthDate) => birthDate.AddYears(AgeLimit);

    /// <summary>REC-4: a follow-up may be open only from 12 and before 25.</summary>
    public static bool InFollowUpAge(DateOnly birthDate, DateOnly day)
    {
        var age = AgeOn(birthDate, day);
        return age is >= MinimumAge and < AgeLimit;
    }

    /// <summary>REC-4: a person is recorded only while of follow-up age (an invalid birth date gives its age).</summary>
    public static Violation? Recordable(DateOnly birthDate, DateOnly today) =>
        InFollowUpAge(birthDate, today)
            ? null
            : new Violation("REC-4", "identity.birth_date", $"a person is followed only from 12 to 25 (this birth date gives {AgeOn(birthDate, today)} years)");

    /// <summary>REC-4: a case or a follow-up opens only from 12 and before 25, by the person's 25th birthday.</summary>
    public static Violation? FollowUpOpens(DateOnly turns25On, DateOnly startDate) =>
        InFollowUpAge(turns25On.AddYears(-AgeLimit), startDate) ? null : new Violation("REC-4", "start_date", "no follow-up opens before 12 or at 25 or more");

    /// <summary>The day until which consent treats the person as a minor, from their 25th birthday.</summary>
    public static DateOnly MinorUntil(DateOnly turns25On) => turns25On.AddYears(MajorityAge - AgeLimit);

    /// <summary>REC-6: the age band shown in the pseudonymous view, computed from the 25th birthday.</summary>
    public static string AgeBand(DateOnly turns25On, DateOnly day)
    {
        var age = AgeOn(turns25On.AddYears(-AgeLimit), day);
        return age switch
        {
            < 12 => "under 12",
            <= 15 => "12-15",
            <= 17 => "16-17",
            <= 21 => "18-21",
            <= 24 => "22-24",
            _ => "25+",
        };
    }

    /// <summary>
    /// The opaque subject reference of a person created by a request: the same for a retry of that
    /// request, unrelated to the person's identity.
    /// </summary>
    public static string SubjectRefFor(string caller, string requestId) =>
        "S-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("clspd.records.person\n" + caller + "\n" + requestId)))[..32];

    /// <summary>The opaque reference of a person's legal representative (by position), as consent knows them.</summary>
    public static string LegalRepresentativeRef(string subjectRef, int index) =>
        "L-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("clspd.records.legal-representative\n" + subjectRef + "\n" + index)))[..32];

    private const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>A random pseudonymous case code such as <c>C-7Q2K9M</c> (no 0/O/1/I to avoid misreading).</summary>
    public static string NewCaseCode()
    {
        Span<char> code = stackalloc char[6];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return "C-" + new string(code);
    }
}
