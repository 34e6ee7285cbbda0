extern alias access;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using BenchmarkDotNet.Attributes;
using Clspd.ServiceDefaults;
using Clspd.Testing;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// A group commit of the size a Check sees at 3,500/s (about 32 entries, docs/benchmarks.md) on SQLite, durable
/// (WAL, synchronous=FULL), with the rows sent one per insert statement (what the audit writer does on SQLite) or
/// in multi-row statements of 2, 4 or 8: whether fewer statements pay for the name lookup of each parameter,
/// which grows with the rows per statement.
/// </summary>
[MemoryDiagnoser]
public class AuditRunBenchmarks
{
    public const int Batch = 32;
    private AuditAppender _appender = null!;

    [Params(1, 2, 4, 8)]
    public int RowsPerStatement { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var database = TestDatabases.Sqlite(new ServiceIdentity("access", typeof(AuditStore).Assembly), TimeProvider.System);
        _appender = AuditAppender.OpenAsync(database, CancellationToken.None, RowsPerStatement).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<long> AppendDurableGroupCommit() => _appender.AppendAsync(AuditData.Entries(Batch), CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => _appender.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
