using System.Data.Common;
using System.Globalization;
using System.Text;
using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Access.Checkpoints;

/// <summary>
/// ACC-4: signed checkpoints of the audit trail. A checkpoint is signed only over a chain that
/// follows the previous checkpoint (the entries since are verified first), appended to the
/// checkpoint file, and checked by verification: a chain rewritten with its hashes recomputed no
/// longer has the signed hash at the checkpoint's sequence.
/// </summary>
public sealed partial class AuditCheckpoints(AuditPageReader reader, AuditCheckpointKey key, AuditCheckpointLog log, TimeProvider time, ILogger<AuditCheckpoints> logger)
    : IDisposable
{
    private const int WalkPage = 5_000;

    private readonly SemaphoreSlim _signing = new(1, 1);

    /// <summary>The signing key (its id and public key go with every checkpoint).</summary>
    public AuditCheckpointKey Key => key;

    /// <summary>The latest checkpoint of the file whose signature verifies; lines that do not verify are logged and passed over.</summary>
    public async Task<SignedCheckpoint?> LatestAsync(CancellationToken ct) => Latest(await log.ReadAsync(ct));

    /// <summary>
    /// Signs the trail's head after checking that the entries since the latest checkpoint follow
    /// it; throws <see cref="RuleViolationException"/> (ACC-4) when they do not, or when the trail
    /// is empty. With <paramref name="onlyIfMoved"/>, returns null when no entry was appended since.
    /// </summary>
    public async Task<SignedCheckpoint?> CreateAsync(bool onlyIfMoved, CancellationToken ct)
    {
        await _signing.WaitAsync(ct);
        try
        {
            var latest = await LatestAsync(ct);
            await using var connection = await reader.OpenAsync(ct);
            if (latest is not null)
            {
                var (hash, contentMatches) = await EntryAsync(connection, latest.Sequence, ct);
                if (!latest.Matches(hash) || !contentMatches)
                {
                    throw new RuleViolationException("ACC-4",
                        $"the trail no longer matches the checkpoint signed at {Instant(latest.SignedAt)} for entry {latest.Sequence}, and no checkpoint is signed over a " +
                        "rewritten trail: verify it (clspd audit verify)", "checkpoint");
                }

                if (onlyIfMoved && await reader.LastSequenceAsync(connection, ct) == latest.Sequence)
                {
                    return null;
                }
            }

            var verifier = new AuditPageVerifier(latest?.Sequence ?? 0, latest?.HeadHash, AuditPageVerifier.DefaultParallelism);
            await foreach (var page in reader.PagesAsync(connection, WalkPage, ct, latest?.Sequence ?? 0))
            {
                if (verifier.Next(page, page.Count) is { } bad)
                {
                    throw new RuleViolationException("ACC-4", $"{bad.Message}, and no checkpoint is signed over a trail that does not verify", "checkpoint");
                }
            }

            if (verifier.LastSequence == 0)
            {
                return onlyIfMoved ? null : throw new RuleViolationException("ACC-4", "the audit trail has no entry yet: there is nothing to sign", "checkpoint");
            }

            if (onlyIfMoved && verifier.LastSequence == latest?.Sequence)
            {
                return null;
            }

            var signed = key.Sign(verifier.LastSequence, verifier.HeadHash, time.GetUtcNow());
            await log.AppendAsync(signed, ct);
            LogSigned(logger, signed.Sequence, log.Path);
            return signed;
        }
        finally
        {
            _signing.Release();
        }
    }

    /// <summary>
    /// Checks the chain against the checkpoint the caller gave (already verified) and the latest
    /// one held. When one no longer matches, finds the last checkpoint before it that still does:
    /// the entries after it are the ones no checkpoint vouches for.
    /// </summary>
    public async Task<CheckpointFinding> CheckAsync(DbConnection connection, SignedCheckpoint? given, long trailLength, CancellationToken ct)
    {
        var lines = await log.ReadAsync(ct);
        SignedCheckpoint?[] latest = [given, Latest(lines)];
        var compared = latest.OfType<SignedCheckpoint>().ToList();
        if (compared.Count == 0)
        {
            return new CheckpointFinding(0, null);
        }

        SignedCheckpoint? broken = null;
        foreach (var checkpoint in compared.OrderBy(c => c.Sequence))
        {
            if (!checkpoint.Matches(await StoredHashAsync(connection, checkpoint.Sequence, trailLength, ct)))
            {
                broken = checkpoint;
                break;
            }
        }

        var checkedSequence = compared.Max(c => c.Sequence);
        if (broken is null)
        {
            return new CheckpointFinding(checkedSequence, null);
        }

        // Newest first: the first earlier checkpoint that verifies and still matches.
        var earlier = lines.Select(l => AuditCheckpointLog.Parse(l.Json)).Append(given).OfType<SignedCheckpoint>()
            .Where(c => c.Sequence < broken.Sequence).OrderByDescending(c => c.Sequence);
        long good = 0;
        foreach (var checkpoint in earlier)
        {
            if (key.Verifies(checkpoint) && checkpoint.Matches(await StoredHashAsync(connection, checkpoint.Sequence, trailLength, ct)))
            {
                good = checkpoint.Sequence;
                break;
            }
        }

        var after = good == 0 ? "from its first entry" : $"after entry {good}, the last checkpoint that still matches";
        var problem = broken.Sequence > trailLength
            ? new CheckpointProblem(good + 1, AuditProblem.Missing,
                $"the trail ends at entry {trailLength} but the checkpoint signed at {Instant(broken.SignedAt)} covers entry {broken.Sequence}: " +
                $"entries were removed or rewritten {after}")
            : new CheckpointProblem(good + 1, AuditProblem.Rewritten,
                $"entry {broken.Sequence} no longer has the hash the checkpoint signed at {Instant(broken.SignedAt)} gives it: the chain was rewritten {after}");
        return new CheckpointFinding(checkedSequence, problem);
    }

    public void Dispose() => _signing.Dispose();

    // Only the last lines are parsed and their signatures checked, up to the first that verifies.
    private SignedCheckpoint? Latest(List<(int Line, string Json)> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (AuditCheckpointLog.Parse(lines[i].Json) is { } checkpoint && key.Verifies(checkpoint))
            {
                return checkpoint;
            }

            LogUnverifiable(logger, lines[i].Line, log.Path);
        }

        return null;
    }

    private async Task<string?> StoredHashAsync(DbConnection connection, long sequence, long trailLength, CancellationToken ct) =>
        sequence > trailLength ? null : (await EntryAsync(connection, sequence, ct)).Hash;

    // The entry as verification reads it: its stored hash, and whether its content still matches it.
    private async Task<(string? Hash, bool ContentMatches)> EntryAsync(DbConnection connection, long sequence, CancellationToken ct)
    {
        var page = new AuditPage(1);
        await reader.ReadPageAsync(connection, sequence - 1, 1, page, ct);
        return page.Count == 0 || page.Sequence(0) != sequence ? (null, false) : (Encoding.UTF8.GetString(page.EntryHash(0)), page.ContentMatches(0));
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint signed for entry {Sequence} and appended to {Path}")]
    private static partial void LogSigned(ILogger logger, long sequence, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Line {Line} of the audit checkpoint file {Path} is not a checkpoint signed by this service's key; it is passed over")]
    private static partial void LogUnverifiable(ILogger logger, int line, string path);
}
