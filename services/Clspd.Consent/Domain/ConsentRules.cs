using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clspd.Consent.V1;
using Clspd.Rules;

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

    /// <summary>CON-3: no decision without prior informing of the decider with the notice the decision names.</summary>
    public static Violation? InformedBeforeDeciding(IEnumerable<InformingFact> informings, string decidedBy, DateTimeOffset at, string noticeVersion) =>
        WasInformed(informings, decidedBy, at, noticeVersion)
            ? null
            : new Violation("CON-3", decidedBy,
                $"no decision without prior informing: {decidedBy} has not been informed with notice {noticeVersion}; record the informing first");

    /// <summary>
    /// CON-3: a legal representative of a person of age (<see cref="RoleOf"/> gave
    /// <see cref="DeciderRole.Unspecified"/>) decides nothing: the person decides themselves.
    /// </summary>
    public static Violation? MayDecideAs(DeciderRole role, string decidedBy) =>
        role == DeciderRole.Unspecified
            ? new Violation("CON-3", decidedBy, $"the person is of age: they decide themselves, not legal representative {decidedBy}")
            : null;

    /// <summary>CON-4: only a consent in force is withdrawn: the decider's latest decision for the purpose is GIVEN.</summary>
    public static Violation? Withdrawable(DecisionFact? latestOfDecider, string decidedBy) =>
        latestOfDecider?.Decision == Decision.Given
            ? null
            : new Violation("CON-4", decidedBy, $"no consent of {decidedBy} is in force for this purpose: there is nothing to withdraw");

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
