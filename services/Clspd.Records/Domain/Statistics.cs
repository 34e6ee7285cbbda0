namespace Clspd.Records.Domain;

/// <summary>REC-11: aggregate counts with small cells suppressed, so no person can be singled out.</summary>
public static class Statistics
{
    public const int DefaultThreshold = 5;

    /// <summary>One cell after suppression: a count under the threshold (but not zero) is withheld.</summary>
    public static (int Count, bool Suppressed) Cell(int count, int threshold) =>
        count > 0 && count < threshold ? (0, true) : (count, false);

    /// <summary>Follow-up duration band of a closed follow-up, by whole months.</summary>
    public static string DurationBand(DateOnly start, DateOnly end)
    {
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month - (end.Day < start.Day ? 1 : 0);
        return months switch
        {
            < 3 => "under 3 months",
            < 6 => "3-6 months",
            < 12 => "6-12 months",
            _ => "12 months or more",
        };
    }
}
