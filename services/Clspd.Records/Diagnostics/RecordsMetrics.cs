using System.Diagnostics.Metrics;

namespace Clspd.Records.Diagnostics;

/// <summary>
/// The records service's meter (<see cref="MeterName"/>; names in docs/operations.md, "Monitoring"): the progress of
/// the lifecycle job (REC-4, REC-7), what each run did and what it left due.
/// </summary>
public sealed class RecordsMetrics
{
    public const string MeterName = "Clspd.Records";

    public const string LifecycleProcessed = "clspd.records.lifecycle.processed";

    public const string LifecycleRemaining = "clspd.records.lifecycle.remaining";

    private readonly Counter<long> _processed;
    private long _remaining = -1;

    public RecordsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _processed = meter.CreateCounter<long>(LifecycleProcessed, "{item}",
            "Lifecycle work done: follow-ups closed at 25, cases and persons destroyed, agenda items purged (tag action)");
        meter.CreateObservableGauge(LifecycleRemaining, ObserveRemaining, "{item}", "Lifecycle work still due at the end of the last run");
    }

    /// <summary>One lifecycle run's totals.</summary>
    public void Ran(int closedAt25, int casesDestroyed, int personsDestroyed, int agendaItemsPurged, int remainingDue)
    {
        Add(closedAt25, "closed_at_25");
        Add(casesDestroyed, "case_destroyed");
        Add(personsDestroyed, "person_destroyed");
        Add(agendaItemsPurged, "agenda_item_purged");
        Interlocked.Exchange(ref _remaining, remainingDue);
    }

    private void Add(int count, string action)
    {
        if (count > 0)
        {
            _processed.Add(count, new KeyValuePair<string, object?>("action", action));
        }
    }

    private IEnumerable<Measurement<long>> ObserveRemaining()
    {
        var remaining = Interlocked.Read(ref _remaining);
        return remaining < 0 ? [] : [new Measurement<long>(remaining)];
    }
}
