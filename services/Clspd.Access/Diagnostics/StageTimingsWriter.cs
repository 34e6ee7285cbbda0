using Microsoft.Extensions.Options;

namespace Clspd.Access.Diagnostics;

/// <summary>Rewrites <see cref="StageTimingsOptions.File"/> with the histograms every second, while stage timings are on.</summary>
public sealed class StageTimingsWriter(CheckStageTimings timings, IOptions<StageTimingsOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.File is not { Length: > 0 } file)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Written beside, then moved over: a reader never sees half a file.
                var partial = file + ".partial";
                await File.WriteAllTextAsync(partial, timings.Snapshot(), stoppingToken);
                File.Move(partial, file, overwrite: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
