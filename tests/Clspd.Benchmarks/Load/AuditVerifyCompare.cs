extern alias access;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using access::Clspd.Access.Domain;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using Clspd.Benchmarks.Micro;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Verification of one access database, the ways VerifyAudit has done it, interleaved round by
/// round in one process (the order turns each round) so that every variant sees the same
/// machine: "records" is the walk before the verification pages (records read page by page through
/// the reference store, each entry's fields encoded and hashed field by field, frozen here as it was);
/// "pages ×1" reads the stored bytes into verification pages and hashes on one thread; "pages
/// ×N" does the same with the hashes of a page checked on N threads (N = the processor count);
/// VerifyAudit uses <see cref="AuditPageVerifier.DefaultParallelism"/>, one thread less; "read only" reads the pages and checks nothing (the floor the reading
/// sets). On a shared machine only the ratios mean something.
/// </summary>
public static class AuditVerifyCompare
{
    private const int PageSize = 5_000;

    public static async Task RunAsync(string dataDirectory, int entries, int rounds, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var database = StoreTarget.Sqlite(dataDirectory).Open("access", typeof(AuditStore).Assembly);

        var store = new AuditStore();
        var reader = new AuditPageReader(database, store);
        var length = await database.ReadAsync(store.LastSequenceAsync, ct);

        if (length < entries)
        {
            var clock = Stopwatch.StartNew();
            await using var appender = await AuditAppender.OpenAsync(database, ct);
            for (var written = length; written < entries; written += AuditDataset.DefaultBatch)
            {
                await appender.AppendAsync(AuditData.Entries((int)Math.Min(AuditDataset.DefaultBatch, entries - written)), ct);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {entries - length:N0} entries in {clock.Elapsed.TotalSeconds:F1} s"));
            length = entries;
        }

        (string Name, Func<Task<long>> Run)[] variants =
        [
            ("records", () => RecordsAsync(database, store, ct)),
            .. new[] { 1, AuditPageVerifier.DefaultParallelism, Environment.ProcessorCount }.Distinct()
                .Select(n => ($"pages ×{n}", (Func<Task<long>>)(() => PagesAsync(reader, n, ct)))),
            ("read only", () => ReadOnlyAsync(reader, ct)),
        ];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify {length:N0} entries from {database.ConnectionString}, {rounds} rounds; load average {LoadAverage()}"));
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}:"));
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (round + k) % variants.Length;
                var clock = Stopwatch.StartNew();
                var checkedEntries = await variants[v].Run();
                var seconds = clock.Elapsed.TotalSeconds;
                if (checkedEntries != length)
                {
                    throw new InvalidOperationException($"{variants[v].Name} checked {checkedEntries} of {length} entries");
                }

                times[v].Add(seconds);
                line.Append(CultureInfo.InvariantCulture, $"  {variants[v].Name} {seconds:F2} s");
            }

            output.WriteLine(line.Append(CultureInfo.InvariantCulture, $"  (load {LoadAverage()})").ToString());
        }

        for (var v = 0; v < variants.Length; v++)
        {
            var sorted = times[v].Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{variants[v].Name,-10} median {sorted[sorted.Count / 2]:F2} s, best {sorted[0]:F2} s, ×{times[0].Order().ElementAt(sorted.Count / 2) / sorted[sorted.Count / 2]:F2} against records (medians)"));
        }

        output.WriteLine($"load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<long> ReadOnlyAsync(AuditPageReader reader, CancellationToken ct)
    {
        await using var connection = await reader.OpenAsync(ct);
        var last = 0L;
        await foreach (var page in reader.PagesAsync(connection, PageSize, ct))
        {
            last = page.Count > 0 ? page.Sequence(page.Count - 1) : last;
        }

        return last;
    }

    private static async Task<long> PagesAsync(AuditPageReader reader, int parallelism, CancellationToken ct)
    {
        var verifier = new AuditPageVerifier(parallelism: parallelism);
        await using var connection = await reader.OpenAsync(ct);
        await foreach (var page in reader.PagesAsync(connection, PageSize, ct))
        {
            if (verifier.Next(page, page.Count) is { } bad)
            {
                throw new InvalidOperationException(bad.Message);
            }
        }

        return verifier.Checked;
    }

    private static async Task<long> RecordsAsync(Database database, AuditStore store, CancellationToken ct)
    {
        var lastSeq = 0L;
        var lastHash = AuditChain.Genesis;
        List<AuditRecord> page;
        do
        {
            var after = lastSeq;
            page = await database.ReadAsync(s => store.PageAsync(s, after, PageSize), ct);
            foreach (var entry in page)
            {
                if (entry.Seq != lastSeq + 1 || !string.Equals(entry.PrevHash, lastHash, StringComparison.Ordinal) || !FieldByField.Matches(entry))
                {
                    throw new InvalidOperationException($"entry {entry.Seq} does not verify");
                }

                lastSeq = entry.Seq;
                lastHash = entry.EntryHash;
            }
        }
        while (page.Count == PageSize);

        return lastSeq;
    }

    /// <summary>The chain's hash as it was computed before the verification pages: one incremental hash fed field by field.</summary>
    private static class FieldByField
    {
        private const string Prefix = "clspd.access.audit.v1";
        private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        [ThreadStatic]
        private static IncrementalHash? t_sha256;

        public static bool Matches(AuditRecord e)
        {
            Span<byte> hash = stackalloc byte[32];
            var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<char> number = stackalloc char[32];
            Append(sha, Prefix, last: false);
            Append(sha, Format(e.Seq, number), last: false);
            Append(sha, e.DecisionId, last: false);
            e.DecidedAt.UtcDateTime.TryFormat(number, out var written, InstantFormat, CultureInfo.InvariantCulture);
            Append(sha, number[..written], last: false);
            Append(sha, e.Principal, last: false);
            Append(sha, Format(e.Role, number), last: false);
            Append(sha, Format(e.Action, number), last: false);
            Append(sha, e.CaseId, last: false);
            Append(sha, e.SubjectRef, last: false);
            Append(sha, e.CouncilId, last: false);
            Append(sha, e.GroupId, last: false);
            Append(sha, Format(e.ViewKind, number), last: false);
            Append(sha, Format(e.Outcome, number), last: false);
            Append(sha, e.RuleIds, last: false);
            Append(sha, e.Reason, last: false);
            Append(sha, e.PrevHash, last: true);
            sha.GetHashAndReset(hash);
            Span<char> hex = stackalloc char[64];
            Convert.TryToHexStringLower(hash, hex, out _);
            return hex.SequenceEqual(e.EntryHash);
        }

        private static ReadOnlySpan<char> Format(long value, Span<char> buffer)
        {
            value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
            return buffer[..written];
        }

        private static void Append(IncrementalHash sha, ReadOnlySpan<char> text, bool last)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
            byte[]? rented = null;
            var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
            var length = Encoding.UTF8.GetBytes(text, buffer);
            if (!last)
            {
                buffer[length++] = (byte)'\n';
            }

            sha.AppendData(buffer[..length]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
