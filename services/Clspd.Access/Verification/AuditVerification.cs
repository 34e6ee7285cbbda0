using System.Data.Common;
using System.Text;
using Clspd.Access.Checkpoints;
using Clspd.Access.Domain;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Access.Verification;

/// <summary>
/// ACC-4: one step of verifying the trail, as <c>VerifyAudit</c> answers it. The entry a step
/// starts after must still be the one the previous step verified; the chain is checked against the
/// signed checkpoints (the caller's and the latest held), then walked page by page on the fast
/// path (<see cref="AuditPageReader"/>, <see cref="AuditPageVerifier"/>) up to the step's limit.
/// </summary>
public sealed class AuditVerification(AuditPageReader reader, AuditCheckpoints checkpoints)
{
    private const int VerifyPage = 5_000;

    /// <summary>
    /// Verifies the entries after <c>after_sequence</c> (at most <c>max_entries</c>) against
    /// <paramref name="given"/>, a checkpoint the caller kept whose signature was already checked.
    /// </summary>
    public async Task<VerifyAuditResponse> VerifyAsync(VerifyAuditRequest request, SignedCheckpoint? given, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verifier = new AuditPageVerifier(request.AfterSequence, request.AfterSequence == 0 ? null : request.AfterHash, AuditPageVerifier.DefaultParallelism);
        var limit = request.MaxEntries == 0 ? long.MaxValue : request.MaxEntries;
        // The fast path's own connection, held for the walk (no peer is called during it).
        await using var connection = await reader.OpenAsync(ct);
        var length = await reader.LastSequenceAsync(connection, ct);
        if (request.AfterSequence > length)
        {
            throw new InvalidRequestException("after_sequence", $"beyond the last entry of the trail ({length})");
        }

        // One signature and one stored hash per checkpoint; when one no longer matches, the walk
        // goes only as far as the last checkpoint that still does, to name any earlier problem first.
        var (checkpointSequence, rewritten) = await checkpoints.CheckAsync(connection, given, length, ct);
        if (rewritten is not null)
        {
            if (request.AfterSequence >= rewritten.LastGood)
            {
                return Rewritten(rewritten, verifier, length, checkpointSequence);
            }

            limit = Math.Min(limit, rewritten.LastGood - request.AfterSequence);
        }

        if (request.AfterSequence > 0 && await StepStartProblemAsync(connection, request, ct) is { } moved)
        {
            return new VerifyAuditResponse
            {
                Intact = false, FirstBadSequence = request.AfterSequence, Problem = moved.Problem, Message = "ACC-4: " + moved.Message,
                LastSequence = request.AfterSequence, TrailLength = length, CheckpointSequence = checkpointSequence,
            };
        }

        // The next page is read while this one is verified, its hashes on the other cores.
        await foreach (var page in reader.PagesAsync(connection, (int)Math.Min(VerifyPage, limit), ct, request.AfterSequence))
        {
            if (verifier.Next(page, (int)Math.Min(page.Count, limit - verifier.Checked)) is { } bad)
            {
                return new VerifyAuditResponse
                {
                    Intact = false, EntriesChecked = verifier.Checked, FirstBadSequence = bad.Sequence, Problem = bad.Problem,
                    Message = "ACC-4: " + bad.Message, HeadHash = verifier.HeadHash, LastSequence = verifier.LastSequence, TrailLength = length,
                    CheckpointSequence = checkpointSequence,
                };
            }

            if (verifier.Checked == limit)
            {
                if (rewritten is not null && verifier.LastSequence >= rewritten.LastGood)
                {
                    return Rewritten(rewritten, verifier, length, checkpointSequence);
                }

                return new VerifyAuditResponse
                {
                    Intact = true, EntriesChecked = verifier.Checked, HeadHash = verifier.HeadHash, LastSequence = verifier.LastSequence, TrailLength = length,
                    Complete = verifier.LastSequence >= length, CheckpointSequence = checkpointSequence,
                    Message = $"ACC-4: entries {request.AfterSequence + 1} to {verifier.LastSequence} are intact; go on after {verifier.LastSequence}",
                };
            }
        }

        if (rewritten is not null)
        {
            return Rewritten(rewritten, verifier, length, checkpointSequence);
        }

        var against = checkpointSequence == 0 ? "" : $"; the signed checkpoint of entry {checkpointSequence} matches";
        return new VerifyAuditResponse
        {
            Intact = true, EntriesChecked = verifier.Checked, HeadHash = verifier.HeadHash, LastSequence = verifier.LastSequence, TrailLength = length,
            Complete = true, CheckpointSequence = checkpointSequence,
            Message = request.AfterSequence == 0
                ? $"ACC-4: the audit trail is intact ({verifier.Checked} entries{against})"
                : $"ACC-4: the audit trail is intact from entry {request.AfterSequence + 1} to its end ({verifier.Checked} entries{against})",
        };
    }

    private static VerifyAuditResponse Rewritten(CheckpointProblem problem, AuditPageVerifier verifier, long length, long checkpointSequence) => new()
    {
        Intact = false, EntriesChecked = verifier.Checked, FirstBadSequence = problem.FirstBadSequence, Problem = problem.Problem,
        Message = "ACC-4: " + problem.Message, HeadHash = verifier.HeadHash, LastSequence = verifier.LastSequence, TrailLength = length,
        CheckpointSequence = checkpointSequence,
    };

    // The entry a step starts after must still be the one the previous step verified.
    private async Task<(AuditProblem Problem, string Message)?> StepStartProblemAsync(DbConnection connection, VerifyAuditRequest request,
        CancellationToken ct)
    {
        // Read as verification reads (an unreadable field makes a content that matches no hash, never an error).
        var start = new AuditPage(1);
        await reader.ReadPageAsync(connection, request.AfterSequence - 1, 1, start, ct);
        if (start.Count == 0 || start.Sequence(0) != request.AfterSequence)
        {
            return (AuditProblem.Missing, $"entry {request.AfterSequence}, where this step starts, is missing");
        }

        if (!Ascii.EqualsIgnoreCase(start.EntryHash(0), request.AfterHash))
        {
            return (AuditProblem.Altered, $"entry {request.AfterSequence} no longer has the hash the previous step verified (after_hash)");
        }

        return start.ContentMatches(0)
            ? null
            : (AuditProblem.Altered, $"entry {request.AfterSequence}, where this step starts, was altered since the previous step verified it");
    }
}
