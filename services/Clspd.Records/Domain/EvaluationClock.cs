namespace Clspd.Records.Domain;

/// <summary>Where a council stands on its 12-month report clock (REC-11).</summary>
public sealed record EvaluationState(DateTimeOffset? LastReportAt, DateTimeOffset Since, DateTimeOffset DueAt, bool Overdue);

/// <summary>
/// REC-11: an annual charter-application report is due 12 months after the previous one, or 12
/// months after the council was recorded when it has none; past that instant the council is overdue.
/// </summary>
public static class EvaluationClock
{
    public const int Months = 12;

    public static EvaluationState Of(DateTimeOffset? lastReportAt, DateTimeOffset councilCreatedAt, DateTimeOffset now)
    {
        var since = lastReportAt ?? councilCreatedAt;
        var due = since.AddMonths(Months);
        return new EvaluationState(lastReportAt, since, due, now >= due);
    }

    /// <summary>The calendar year [1 January, next 1 January) in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Year(int year) =>
        (new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
