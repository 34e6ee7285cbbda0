extern alias access;
using System.Diagnostics;
using System.Globalization;
using access::Clspd.Access.Domain;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using Clspd.Benchmarks.Micro;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The audit part of the dataset generator: writes N chained entries through the access
/// service's own store into an access database, then verifies the whole chain from the database
/// the way <c>AuditService.VerifyAudit</c> does.
/// </summary>
public static class AuditDataset
{
    public const int DefaultBatch = 5_000;

    /// <summary>
    /// What a run measured: entries durably written per second; entries per second whose lookup
    /// keys were then indexed (on SQLite after the commit, by the access service's indexer); and
    /// the seconds to verify them from the database.
    /// </summary>
    public sealed record Figures(double WrittenPerSecond, double VerifySeconds, double KeysIndexedPerSecond);

    public static async Task<Figures> RunAsync(int entries, string dataDirectory, TextWriter output, CancellationToken ct, int batch = DefaultBatch)
    {
        ArgumentNullException.ThrowIfNull(output);
        var database = StoreTarget.Sqlite(dataDirectory).Open("access", typeof(AuditStore).Assembly);

        var store = new AuditStore();
        var clock = Stopwatch.StartNew();
        await using (var appender = await AuditAppender.OpenAsync(database, ct))
        {
            for (var written = 0; written < entries; written += batch)
            {
                await appender.AppendAsync(AuditData.Entries(Math.Min(batch, entries - written)), ct);
            }
        }

        var writtenPerSecond = entries / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {entries:N0} audit entries in {clock.Elapsed.TotalSeconds:F1} s ({entries / clock.Elapsed.TotalSeconds:N0}/s, batches of {batch:N0})"));

        // As the access service's indexer does, after the commits: the lookup keys, in its transactions.
        clock.Restart();
        var indexed = 0L;
        int step;
        var keys = new AuditKeyIndex(database);
        while ((step = await keys.CatchUpAsync(AuditIndexer.Batch, ct)) > 0)
        {
            indexed += step;
        }

        var keysPerSecond = indexed / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexed the lookup keys of {indexed:N0} entries in {clock.Elapsed.TotalSeconds:F1} s ({keysPerSecond:N0}/s, after the commits)"));

        // As AuditService.VerifyAudit does: the next page is read while this one is verified, its
        // hashes on the other cores.
        clock.Restart();
        var verifier = new AuditPageVerifier(parallelism: AuditPageVerifier.DefaultParallelism);
        var reader = new AuditPageReader(database, store);
        await using var connection = await reader.OpenAsync(ct);
        await foreach (var page in reader.PagesAsync(connection, DefaultBatch, ct))
        {
            if (verifier.Next(page, page.Count) is { } bad)
            {
                throw new InvalidOperationException(bad.Message);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verified {verifier.Checked:N0} entries from the database in {clock.Elapsed.TotalSeconds:F2} s"));
        return new Figures(writtenPerSecond, clock.Elapsed.TotalSeconds, keysPerSecond);
    }
}
