using Clspd.Access.V1;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>Rules on what a case may hold (REC-2, REC-3, REC-5) and when it ends (REC-4, REC-7).</summary>
public static class CaseRules
{
    /// <summary>REC-3: the single free-text field.</summary>
    public const int ElementsMaxLength = 500;

    /// <summary>REC-7: hard maximum of the archive period.</summary>
    public const int MaxArchiveMonths = 36;

    /// <summary>Reason codes a referral may carry at most.</summary>
    public const int MaxReasons = 5;

    /// <summary>
    /// REC-2: a social professional referring under the social-action code records only the need
    /// for coordination, never the nature of the difficulties. Returns the refusal, or null.
    /// </summary>
    public static string? ReferralProblem(bool socialActionOrigin, IReadOnlyCollection<int> reasons, int needForCoordination)
    {
        if (reasons.Count == 0)
        {
            return "a referral carries at least one reason code";
        }

        if (reasons.Count > MaxReasons || reasons.Distinct().Count() != reasons.Count)
        {
            return $"a referral carries 1 to {MaxReasons} distinct reason codes";
        }

        if (socialActionOrigin && (reasons.Count != 1 || reasons.First() != needForCoordination))
        {
            return "a referral by a social professional under the social-action code records only the need for coordination, never the nature of the difficulties";
        }

        return null;
    }

    /// <summary>REC-7: a case is destroyed at the earlier of end + archive period and the 25th birthday.</summary>
    public static DateOnly DestroyOn(DateOnly endDate, int archiveMonths, DateOnly turns25On)
    {
        var due = endDate.AddMonths(archiveMonths);
        return due < turns25On ? due : turns25On;
    }

    /// <summary>REC-7: the archive period is 1 month to 3 years. Returns the refusal, or null.</summary>
    public static string? ArchivePeriodProblem(int months) =>
        months is < 1 or > MaxArchiveMonths
            ? $"Records:ArchiveMonths must be between 1 and {MaxArchiveMonths} (REC-7: at most three years), got {months}"
            : null;

    /// <summary>REC-3: an end date is not before the start and not in the future.</summary>
    public static string? EndDateProblem(DateOnly start, DateOnly end, DateOnly today) =>
        end < start ? $"must not be before the start date {start:yyyy-MM-dd}"
        : end > today ? "must not be in the future"
        : null;

    /// <summary>REC-3: an end date is not before the start and not in the future (an invalid <c>end_date</c>).</summary>
    public static Violation? EndDate(DateOnly start, DateOnly end, DateOnly today) =>
        EndDateProblem(start, end, today) is { } problem ? new Violation("REC-3", "end_date", problem) : null;

    /// <summary>REC-2: the reason codes of a referral (see <see cref="ReferralProblem"/>).</summary>
    public static Violation? Referral(bool socialActionOrigin, IReadOnlyCollection<int> reasons, int needForCoordination) =>
        ReferralProblem(socialActionOrigin, reasons, needForCoordination) is { } problem ? new Violation("REC-2", "reasons", problem) : null;

    /// <summary>REC-7: an archived case no longer changes (every write to case data).</summary>
    public static Violation? Writable(bool active) =>
        active ? null : new Violation("REC-7", "case_id", "the case is archived: it no longer changes and appears in no list");

    /// <summary>REC-7: an archived case is read only through OpenArchivedCase.</summary>
    public static Violation? Readable(bool active) =>
        active ? null : new Violation("REC-7", "case_id", "the case is archived: only the coordinator may open it, one case at a time, with a reason (OpenArchivedCase)");

    /// <summary>REC-7: a case is closed once (the close found it archived already).</summary>
    public static Violation? Closed(bool closedNow) => closedNow ? null : new Violation("REC-7", "case_id", "the case is already archived");

    /// <summary>REC-6: records shows only the views it knows; any other view access allows shows nothing (a denial).</summary>
    public static Violation? Shown(View view) =>
        view is View.MeasureOnly or View.Named or View.Pseudonymous
            ? null
            : new Violation("REC-6", "", $"the access service allowed a view records cannot show ({view}); nothing is returned");

    /// <summary>REC-3: the follow-up elements are one bounded text (an invalid <c>text</c>).</summary>
    public static Violation? Elements(int length) =>
        length > ElementsMaxLength ? new Violation("REC-3", "text", $"the follow-up elements are at most {ElementsMaxLength} characters (got {length})") : null;

    /// <summary>REC-2: reason codes are a closed list, no free text (an invalid <c>reasons</c>).</summary>
    public static Violation? ReasonsKnown(bool allKnown) =>
        allKnown ? null : new Violation("REC-2", "reasons", "unknown reason code (closed list, no free text)");
}
