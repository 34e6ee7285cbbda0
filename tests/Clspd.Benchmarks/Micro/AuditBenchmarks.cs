extern alias access;
using access::Clspd.Access.Domain;
using access::Clspd.Access.Store;
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

    [Params(1_000_000)]
    public int ChainLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // As the access service's audit writer: one connection kept open, batch after batch.
        var store = new AuditStore(TestDatabases.Sqlite(new ServiceIdentity("access", typeof(AuditStore).Assembly), TimeProvider.System));
        _appender = store.OpenAppenderAsync(CancellationToken.None).GetAwaiter().GetResult();
        _chain = AuditData.Chain(ChainLength);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<long> AppendDurableBatch() => _appender.AppendAsync(AuditData.Entries(Batch), CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => _appender.DisposeAsync().AsTask().GetAwaiter().GetResult();

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
}
