using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Clspd.Access.V1;

namespace Clspd.Access.Diagnostics;

/// <summary>
/// The access service's meter (<see cref="MeterName"/>, exported with the others when OTLP is configured; names in
/// docs/operations.md, "Monitoring"). On Check's path only <see cref="Decided"/>: a counter with two tags taken from
/// constant strings, no allocation, and nothing done when no one listens.
/// </summary>
public sealed class AccessMetrics
{
    public const string MeterName = "Clspd.Access";

    public const string Decisions = "clspd.access.decisions";

    public const string AuditCommitDuration = "clspd.access.audit.commit.duration";

    public const string AuditBatchSize = "clspd.access.audit.batch.size";

    public const string FeedLag = "clspd.access.feed.lag";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _batchSize;
    private ImmutableArray<(string Peer, Func<DateTimeOffset?> LastContact)> _feeds = [];
    private readonly TimeProvider _time;

    public AccessMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>(Decisions, "{decision}", "Access decisions, by outcome and by the rule id that decided (the first one given)");
        _commitDuration = meter.CreateHistogram<double>(AuditCommitDuration, "s", "Time to commit one group of audit entries (ACC-4), one transaction");
        _batchSize = meter.CreateHistogram<int>(AuditBatchSize, "{entry}", "Audit entries committed together in one transaction");
        meter.CreateObservableGauge(FeedLag, ObserveFeeds, "s", "Seconds since each followed change feed (registry, consent) last heard from its source");
    }

    /// <summary>One decision answered: its outcome and the rule id that decided (<c>none</c> when none is given).</summary>
    public void Decided(Outcome outcome, IReadOnlyList<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)),
                new KeyValuePair<string, object?>("rule", ruleIds.Count > 0 ? ruleIds[0] : "none"));
        }
    }

    /// <summary>One group commit of the audit trail, <paramref name="entries"/> long, done in <paramref name="elapsed"/>.</summary>
    public void AuditCommitted(int entries, TimeSpan elapsed)
    {
        _commitDuration.Record(elapsed.TotalSeconds);
        _batchSize.Record(entries);
    }

    /// <summary>A change feed to report the lag of, as <paramref name="peer"/>.</summary>
    public void Follow(string peer, Func<DateTimeOffset?> lastContact) =>
        ImmutableInterlocked.Update(ref _feeds, feeds => feeds.Add((peer, lastContact)));

    private IEnumerable<Measurement<double>> ObserveFeeds()
    {
        var now = _time.GetUtcNow();
        foreach (var (peer, lastContact) in _feeds)
        {
            if (lastContact() is { } contact)
            {
                yield return new Measurement<double>(Math.Max(0, (now - contact).TotalSeconds), new KeyValuePair<string, object?>("peer", peer));
            }
        }
    }

    private static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.Allow => "allow",
        Outcome.Deny => "deny",
        _ => "unspecified",
    };
}
