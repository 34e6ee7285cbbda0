extern alias consent;
using BenchmarkDotNet.Attributes;
using Clspd.Benchmarks.Load;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults.Data;
using consent::Clspd.Consent.Domain;
using consent::Clspd.Consent.States;
using consent::Clspd.Consent.Store;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// The Dapper queries of the hottest read, the consent state lookup (GetConsentState): a pooled
/// connection opened, then the feed's revision, the subject, its decisions for the purpose and its
/// informings, on SQLite, in the consent part of the commune dataset (1,000 persons, each with one
/// informing and nine decisions), with every statement read and with the facts reused while the
/// feed's revision has not moved (<see cref="StateFactsCache"/>). Opening a pooled connection alone
/// is measured apart.
/// </summary>
[MemoryDiagnoser]
public class HotQueryBenchmarks
{
    private readonly ConsentStore _store = new();
    private readonly SubjectStore _subjects = new();
    private readonly StateFactsReader _cache;
    private readonly StateFactsReader _keepNothing;
    private string _directory = "";
    private Database _database = null!;
    private string _subject = "";
    private string _group = "";

    public HotQueryBenchmarks()
    {
        _cache = new StateFactsReader(_store, _subjects, new StateFactsCache(10_000));
        _keepNothing = new StateFactsReader(_store, _subjects, new StateFactsCache(0));
    }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "clspd-micro", Guid.NewGuid().ToString("N"));
        var target = StoreTarget.Sqlite(_directory);
        _group = Guid.CreateVersion7().ToString();
        CommuneDataset.ConsentAsync(CommuneDataset.Counts.At(0.01), [_group], Guid.CreateVersion7().ToString(), target, _ => { }, CancellationToken.None)
            .GetAwaiter().GetResult();
        _database = target.Open("consent", typeof(ConsentStore).Assembly);
        // Person 11 is an adult who consented: the usual answer.
        _subject = CommuneDataset.PersonRef(10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task<int> OpenPooledConnection() => _database.ReadAsync(_ => Task.FromResult(0), CancellationToken.None);

    /// <summary>Every statement read: a lookup after a write, or with <c>Consent:StateCacheEntries</c> 0.</summary>
    [Benchmark]
    public Task<int> ConsentStateFacts() => LookupAsync(_keepNothing);

    /// <summary>No write since the facts were read: the revision alone is read.</summary>
    [Benchmark]
    public Task<int> ConsentStateFactsCached() => LookupAsync(_cache);

    private async Task<int> LookupAsync(StateFactsReader reader)
    {
        var facts = await _database.ReadAsync(s => reader.ReadAsync(s, _subject, (int)Purpose.NamedDiscussion,
            ConsentRules.GroupKeyFor(Purpose.NamedDiscussion, _group)), CancellationToken.None);
        return facts.Decisions.Count == 3 && facts.Informings.Count == 1 ? facts.Decisions.Count : throw new InvalidOperationException("the person's facts are missing");
    }
}
