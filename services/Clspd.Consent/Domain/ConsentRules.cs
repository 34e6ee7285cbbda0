using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>The consent rules CON-2 .. CON-5 as plain functions.</summary>
public static class ConsentRules
{
    /// <summary>CON-3: NAMED_DISCUSSION is given for one group; other purposes for none.</summary>
    public static string GroupKeyFor(Purpose purpose, string groupId) => purpose == Purpose.NamedDiscussion ? groupId : "";

    /// <summary>
    /// CON-3: in which capacity a party may decide for a subject at an instant: the person of age
    /// for themselves; for a minor each legal representative, and the minor's own view. Null when
    /// the party is neither the subject nor one of its legal representatives.
    /// </summary>
    public static DeciderRole? RoleOf(SubjectFacts subject, string partyRef, DateTimeOffset at)
    {
        var minor = subject.IsMinorAt(at);
        if (string.Equals(partyRef, subject.SubjectRef, StringComparison.Ordinal))
        {
            return minor ? DeciderRole.MinorView : DeciderRole.Subject;
        }

        if (subject.LegalRepresentatives.Contains(partyRef, StringComparer.Ordinal))
        {
            return minor ? DeciderRole.LegalRepresentative : DeciderRole.Unspecified;
        }

        return null;
    }

    /// <summary>CON-2/CON-3: whether a party was informed at or before an instant with a given notice version.</summary>
    public static bool WasInformed(IEnumerable<InformingFact> informings, string partyRef, DateTimeOffset atOrBefore, string? noticeVersion = null) =>
        informings.Any(i => string.Equals(i.PartyRef, partyRef, StringComparison.Ordinal) && i.InformedAt <= atOrBefore &&
            (noticeVersion is null || string.Equals(i.NoticeVersion, noticeVersion, StringComparison.Ordinal)));

    /// <summary>CON-4: the latest decision of each decider, by revision (never by a timestamp that can tie).</summary>
    public static IReadOnlyDictionary<string, DecisionFact> LatestByDecider(IEnumerable<DecisionFact> decisions) =>
        decisions.GroupBy(d => d.DecidedByRef, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Revision)!, StringComparer.Ordinal);

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
