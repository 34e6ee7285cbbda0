extern alias access;
using access::Clspd.Access.Domain;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using BenchmarkDotNet.Attributes;
using Clspd.ServiceDefaults;
using Clspd.Testing;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// The audit trail: durable group-committed appends on SQLite (WAL, synchronous=FULL; target
/// ≥ 20,000 entries/s) and hash-chain verification in memory (target: 1,000,000 entries ≤ 3 s).
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    public const int Batch = 256;
    private AuditAppender _appender = null!;
    private List<AuditRecord> _chain = null!;
    private List<AuditPage> _pages = null!;

    [Params(1_000_000)]
    public int ChainLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // As the access service's audit writer: one connection kept open, batch after batch.
        var database = TestDatabases.Sqlite(new ServiceIdentity("access", typeof(AuditStore).Assembly), TimeProvider.System);
        _appender = AuditAppender.OpenAsync(database, CancellationToken.None).GetAwaiter().GetResult();
        _chain = AuditData.Chain(ChainLength);
        // As VerifyAudit holds the trail: pages of 5,000 entries as the bytes the chain hashes.
        _pages = [.. _chain.Chunk(5_000).Select(chunk =>
        {
            var page = new AuditPage(chunk.Length);
            foreach (var entry in chunk)
            {
                page.Add(entry);
            }

            return page;
        })];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<long> AppendDurableBatch() => _appender.AppendAsync(AuditData.Entries(Batch), CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => _appender.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The reference verifier (Domain/AuditVerifier), entry by entry from the records.</summary>
    [Benchmark]
    public long VerifyChainInMemory()
    {
        var verifier = new AuditVerifier();
        foreach (var entry in _chain)
        {
            if (verifier.Next(entry) is not null)
            {
                throw new InvalidOperationException("the generated chain must verify");
            }
        }

        return verifier.Checked;
    }

    [Benchmark]
    [Arguments(1)]
    [Arguments(2)]
    public long VerifyPagesInMemory(int parallelism)
    {
        var verifier = new AuditPageVerifier(parallelism: parallelism);
        foreach (var page in _pages)
        {
            if (verifier.Next(page, page.Count) is not null)
            {
                throw new InvalidOperationException("the generated chain must verify");
            }
        }

        return verifier.Checked;
    }
}
