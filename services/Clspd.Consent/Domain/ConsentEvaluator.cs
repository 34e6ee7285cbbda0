using System.Globalization;
using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>
/// CON-2 .. CON-4: the consent state of a subject for one purpose (and group) at an instant. The
/// latest decision of each decider wins, in revision order. A person of age decides alone; for a
/// minor every registered legal representative must give consent, and the minor's own view is
/// recorded — a refusal by anyone of them binds.
/// </summary>
public static class ConsentEvaluator
{
    public static ConsentAssessment Evaluate(
        string subjectRef, SubjectFacts? subject, IEnumerable<DecisionFact> decisions, IReadOnlyList<InformingFact> informings,
        DateTimeOffset at, DateTimeOffset? meetingAt = null)
    {
        var latest = ConsentRules.LatestByDecider(decisions.Where(d => d.DecidedAt <= at));
        var minor = subject?.IsMinorAt(at) == true;
        var reasons = new List<string>();
        var missing = new List<string>();
        var state = subject is null
            ? Unknown(reasons)
            : minor ? ForMinor(subject, latest, reasons, missing) : ForAdult(subject, latest, reasons);

        var parties = subject?.PartiesToInformAt(at) ?? [subjectRef];
        var uninformed = parties.Where(p => !ConsentRules.WasInformed(informings, p, at)).ToList();
        foreach (var party in uninformed)
        {
            reasons.Add($"CON-2: {Describe(subjectRef, party)} has not been informed");
        }

        var informed = uninformed.Count == 0;
        var possible = false;
        if (meetingAt is { } meetingInstant)
        {
            var notBefore = parties.Where(p => !informings.Any(i => string.Equals(i.PartyRef, p, StringComparison.Ordinal) && i.InformedAt < meetingInstant)).ToList();
            foreach (var party in notBefore.Except(uninformed, StringComparer.Ordinal))
            {
                reasons.Add($"CON-2: {Describe(subjectRef, party)} was not informed before the meeting of {Day(meetingInstant)}");
            }

            uninformed = [.. uninformed.Union(notBefore, StringComparer.Ordinal)];
            possible = state == ConsentState.Permitted && notBefore.Count == 0;
            reasons.Add(possible
                ? $"CON-2: the situation may be discussed by name at the meeting of {Day(meetingInstant)}"
                : $"CON-2: the situation may not be discussed by name at the meeting of {Day(meetingInstant)}");
        }

        return new ConsentAssessment(state, reasons, informed, missing, uninformed, minor, possible);
    }

    private static ConsentState Unknown(List<string> reasons)
    {
        reasons.Add("CON-3: the subject is not registered with the consent service; no consent can be established");
        return ConsentState.NotAsked;
    }

    private static ConsentState ForAdult(SubjectFacts subject, IReadOnlyDictionary<string, DecisionFact> latest, List<string> reasons)
    {
        if (!latest.TryGetValue(subject.SubjectRef, out var own))
        {
            reasons.Add("CON-3: no consent decision of the person is recorded for this purpose");
            return ConsentState.NotAsked;
        }

        if (own.Decision == Decision.Given && subject.MinorUntil is { } until && DateOnly.FromDateTime(own.DecidedAt.UtcDateTime) < until)
        {
            reasons.Add($"CON-3: the person came of age on {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; the view they gave as a minor must be confirmed by their own consent");
            return ConsentState.NotAsked;
        }

        switch (own.Decision)
        {
            case Decision.Given:
                reasons.Add("CON-3: the person gave consent for this purpose");
                return ConsentState.Permitted;
            case Decision.Refused:
                reasons.Add("CON-4: the person refused consent; the purpose is blocked until a new, later consent");
                return ConsentState.Refused;
            case Decision.Withdrawn:
                reasons.Add("CON-4: the person withdrew their consent");
                return ConsentState.Withdrawn;
            default:
                reasons.Add("CON-3: no valid consent decision is recorded");
                return ConsentState.NotAsked;
        }
    }

    private static ConsentState ForMinor(SubjectFacts subject, IReadOnlyDictionary<string, DecisionFact> latest, List<string> reasons, List<string> missing)
    {
        var view = latest.GetValueOrDefault(subject.SubjectRef);
        var deciders = subject.LegalRepresentatives.Select(r => (Ref: r, Fact: latest.GetValueOrDefault(r))).ToList();
        if (view is null && deciders.All(d => d.Fact is null))
        {
            reasons.Add("CON-3: no consent decision is recorded for this purpose (the person is a minor: each legal representative decides)");
            missing.AddRange(subject.LegalRepresentatives);
            return ConsentState.NotAsked;
        }

        var all = deciders.Where(d => d.Fact is not null).Select(d => (d.Ref, Fact: d.Fact!)).ToList();
        if (view is not null)
        {
            all.Add((subject.SubjectRef, view));
        }

        var refused = all.Where(d => d.Fact.Decision == Decision.Refused).ToList();
        var withdrawn = all.Where(d => d.Fact.Decision == Decision.Withdrawn).ToList();
        missing.AddRange(deciders.Where(d => d.Fact is null).Select(d => d.Ref));
        if (refused.Count > 0)
        {
            reasons.AddRange(refused.Select(d => $"CON-4: {Describe(subject.SubjectRef, d.Ref)} refused consent; the purpose is blocked until a new, later consent"));
            return ConsentState.Refused;
        }

        if (withdrawn.Count > 0)
        {
            reasons.AddRange(withdrawn.Select(d => $"CON-4: {Describe(subject.SubjectRef, d.Ref)} withdrew consent"));
            return ConsentState.Withdrawn;
        }

        if (subject.LegalRepresentatives.Count == 0)
        {
            reasons.Add("CON-3: the person is a minor and no legal representative is registered; each legal representative must consent");
            return ConsentState.Incomplete;
        }

        if (missing.Count > 0)
        {
            reasons.AddRange(missing.Select(r => $"CON-3: the consent of legal representative {r} is missing"));
            return ConsentState.Incomplete;
        }

        reasons.Add("CON-3: every legal representative gave consent for this purpose");
        reasons.Add(view is null ? "CON-3: the minor's own view has not been recorded" : "CON-3: the minor's own view is recorded: consent given");
        return ConsentState.Permitted;
    }

    private static string Describe(string subjectRef, string party) =>
        string.Equals(subjectRef, party, StringComparison.Ordinal) ? "the person" : $"legal representative {party}";

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
