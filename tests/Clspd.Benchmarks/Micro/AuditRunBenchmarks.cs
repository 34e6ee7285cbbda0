extern alias access;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using BenchmarkDotNet.Attributes;
using Clspd.ServiceDefaults;
using Clspd.Testing;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// A group commit of the size a Check sees at 3,500/s (about 32 entries, docs/benchmarks.md) on SQLite, durable
/// (WAL, synchronous=FULL): as the audit writer sends it (0: one row per statement prepared once, its values bound
/// by position), or through the command's named parameters in statements of 1, 2, 4 or 8 rows (whether fewer
/// statements pay for the name lookup of each parameter, which grows with the rows per statement).
/// </summary>
[MemoryDiagnoser]
public class AuditRunBenchmarks
{
    public const int Batch = 32;
    private AuditAppender _appender = null!;

    [Params(0, 1, 2, 4, 8)]
    public int RowsPerStatement { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var database = TestDatabases.Sqlite(new ServiceIdentity("access", typeof(AuditStore).Assembly), TimeProvider.System);
        _appender = AuditAppender.OpenAsync(database, CancellationToken.None, RowsPerStatement == 0 ? null : RowsPerStatement).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<long> AppendDurableGroupCommit() => _appender.AppendAsync(AuditData.Entries(Batch), CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => _appender.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
