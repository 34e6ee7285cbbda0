using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Clspd.ServiceDefaults;

/// <summary>
/// When started by the local stack (<c>CLSPD_PARENT_PID</c> set), stops this process as soon as the
/// launcher is gone, so that no service is left behind even if the launcher is killed hard.
/// </summary>
public sealed class ParentProcessWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string Variable = "CLSPD_PARENT_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out var pid))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (!IsAlive(pid))
            {
                lifetime.StopApplication();
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
