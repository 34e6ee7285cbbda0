using Clspd.Records.V1;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>What a follow-up holds (REC-3) and which information items a case takes (REC-5).</summary>
public static class FollowUpRules
{
    /// <summary>REC-3: actions belong to a started follow-up.</summary>
    public static Violation? Started(bool started) =>
        started ? null : new Violation("REC-3", "case_id", "actions belong to a follow-up: start the follow-up of the case first");

    /// <summary>REC-3: an action does not end before it starts (an invalid <c>end_date</c>).</summary>
    public static Violation? ActionDates(DateOnly start, DateOnly? end) =>
        end < start ? new Violation("REC-3", "end_date", "an action does not end before it starts") : null;

    /// <summary>REC-3: a follow-up starts from one of the case's referrals (an invalid <c>referral_id</c>).</summary>
    public static Violation? FromReferral(bool referralOfCase) =>
        referralOfCase ? null : new Violation("REC-3", "referral_id", "not a referral of this case (record the referral first)");

    /// <summary>REC-3: a judicial measure is recorded only with the reason the group needs to know it (an invalid <c>necessity</c>).</summary>
    public static Violation? Necessity(MeasureNecessity necessity) =>
        necessity == MeasureNecessity.Unspecified || !Enum.IsDefined(necessity)
            ? new Violation("REC-3", "necessity", "a judicial measure is recorded only with the reason the group needs to know it (closed list)")
            : null;

    /// <summary>REC-5: only confidential information attested as not covered by professional secrecy is recorded.</summary>
    public static Violation? Item(Classification classification, bool authorAttestsNotSecret)
    {
        if (classification != Classification.Confidential)
        {
            return new Violation("REC-5", "classification",
                $"only CONFIDENTIAL information may be recorded; {classification} is refused (facts covered by professional secrecy are never shared here)");
        }

        return authorAttestsNotSecret ? null : new Violation("REC-5", "author_attests_not_secret", "the author must attest the item is not covered by professional secrecy");
    }
}
