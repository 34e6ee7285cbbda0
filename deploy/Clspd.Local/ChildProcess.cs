using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Clspd.Local;

/// <summary>
/// One piece of the stack running as <c>dotnet Clspd.X.dll</c> in its own output folder, its
/// output lines prefixed with its name. Stopping asks politely (SIGTERM), then kills the whole tree.
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private ChildProcess(string name, Process process, Task<int> exited)
    {
        Name = name;
        _process = process;
        ProcessId = process.Id;
        Exited = exited;
    }

    public string Name { get; }

    public int ProcessId { get; }

    /// <summary>Completes with the exit code when the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    public static ChildProcess Start(string name, string host, string dll, IReadOnlyDictionary<string, string> environment, Action<string> output)
    {
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var inherited in (string[])["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"])
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var prefix = $"[{name}] ";
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, WaitAsync(process));

        void Forward(string? line)
        {
            if (line is not null)
            {
                output(prefix + line);
            }
        }
    }

    /// <summary>SIGTERM (graceful shutdown), then after <paramref name="grace"/> a kill of the whole process tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(ProcessId, SigTerm);
        }

        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }
        }

        await Exited;
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public void Dispose() => _process.Dispose();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
