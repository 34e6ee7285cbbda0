using System.Collections.Concurrent;
using Clspd.Records.Evaluation;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.Lifecycle;

/// <summary>
/// REC-11: the 12-month alert. Every council records holds data of (or has a report of) is checked;
/// an overdue one is logged as a warning once per day while it stays overdue.
/// </summary>
public sealed partial class EvaluationWatch(Database database, EvaluationStore store, CouncilEvaluation evaluation, TimeProvider time, ILogger<EvaluationWatch> logger)
{
    private readonly ConcurrentDictionary<string, DateOnly> _loggedOn = new(StringComparer.Ordinal);

    /// <summary>Checks every council; returns those logged as overdue by this run (each at most once a day).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var logged = new List<string>();
        foreach (var council in await database.ReadAsync(store.CouncilsAsync, ct))
        {
            Domain.EvaluationState state;
            try
            {
                state = await evaluation.StateAsync(council, ct);
            }
            catch (Exception ex) when (ex is UnavailableException or NotFoundException)
            {
                LogUnknown(logger, council, ex.Message);
                continue;
            }

            if (!state.Overdue)
            {
                _loggedOn.TryRemove(council, out _);
                continue;
            }

            if (_loggedOn.TryGetValue(council, out var day) && day == today)
            {
                continue;
            }

            _loggedOn[council] = today;
            LogOverdue(logger, council, state.Since, state.DueAt);
            logged.Add(council);
        }

        return logged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "REC-11: council {CouncilId} has produced no charter-application report for 12 months (since {Since:o}, due {DueAt:o})")]
    private static partial void LogOverdue(ILogger logger, string councilId, DateTimeOffset since, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "REC-11: the report status of council {CouncilId} could not be established: {Problem}")]
    private static partial void LogUnknown(ILogger logger, string councilId, string problem);
}
