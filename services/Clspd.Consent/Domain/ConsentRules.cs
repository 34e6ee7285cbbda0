using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>The consent rules CON-1 .. CON-5 as plain functions.</summary>
public static class ConsentRules
{
    /// <summary>One decision as the rules see it.</summary>
    public sealed record DecisionFact(Decision Decision, DateTimeOffset DecidedAt);

    /// <summary>
    /// CON-4: the state of a purpose at an instant is the latest decision made at or before it;
    /// a refusal binds until a later consent.
    /// </summary>
    public static (ConsentState State, string Reason) StateAt(IEnumerable<DecisionFact> decisions, DateTimeOffset at)
    {
        var latest = decisions.Where(d => d.DecidedAt <= at).OrderBy(d => d.DecidedAt).LastOrDefault();
        return latest?.Decision switch
        {
            null => (ConsentState.NotAsked, "CON-3: no consent decision is recorded for this purpose"),
            Decision.Given => (ConsentState.Permitted, "CON-3: consent was given for this purpose"),
            Decision.Refused => (ConsentState.Refused, "CON-4: consent was refused; the purpose is blocked until a new, later consent"),
            _ => (ConsentState.NotAsked, "CON-3: no valid consent decision is recorded"),
        };
    }

    /// <summary>CON-3: NAMED_DISCUSSION is given for one group; other purposes for none.</summary>
    public static string GroupKeyFor(Purpose purpose, string groupId) => purpose == Purpose.NamedDiscussion ? groupId : "";

    /// <summary>CON-5: SHA-256 of the canonical content of a decision, as handed on the receipt.</summary>
    public static string ContentHash(string id, string subjectRef, Purpose purpose, string groupId, Decision decision,
        string decidedByRef, string evidence, string noticeVersion, DateTimeOffset decidedAt)
    {
        var canonical = string.Join('\n',
            "clspd.consent.decision.v1", id, subjectRef, ((int)purpose).ToString(CultureInfo.InvariantCulture), groupId,
            ((int)decision).ToString(CultureInfo.InvariantCulture), decidedByRef, evidence, noticeVersion,
            decidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
