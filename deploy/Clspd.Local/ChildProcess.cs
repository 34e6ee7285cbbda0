using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Clspd.Local;

/// <summary>
/// One piece of the stack running as <c>dotnet Clspd.X.dll</c> in its own output folder, its
/// output lines prefixed with its name. The last lines of its stdout and stderr are kept apart, so
/// that an exit can say why. Stopping asks politely (SIGTERM), then kills the whole tree. The benchmarks start
/// their own processes (the floor of <c>h2load --floor</c>) through it too.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly OutputTail _error;

    private ChildProcess(string name, Process process, OutputTail output, OutputTail error)
    {
        Name = name;
        _process = process;
        _output = output;
        _error = error;
        ProcessId = process.Id;
        Exited = WaitAsync(process);
    }

    public string Name { get; }

    public int ProcessId { get; }

    /// <summary>Completes with the exit code when the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    /// <summary>The exit as seen now: the code, and the last lines of stderr and stdout (complete once <see cref="Exited"/> is).</summary>
    public ChildExit ExitOf(int code) => new(Name, code) { LastErrorLines = _error.Lines(), LastOutputLines = _output.Lines() };

    /// <summary>Starts <c>host dll arguments…</c> with <paramref name="environment"/> added, each line of its output passed to <paramref name="output"/> prefixed with its name.</summary>
    public static ChildProcess Start(string name, string host, string dll, IReadOnlyDictionary<string, string> environment, Action<string> output, int tailLines,
        IReadOnlyList<string>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

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
        var outputTail = new OutputTail(tailLines);
        var errorTail = new OutputTail(tailLines);
        process.OutputDataReceived += (_, e) => Forward(outputTail, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(errorTail, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, outputTail, errorTail);

        void Forward(OutputTail tail, string? line)
        {
            if (line is not null)
            {
                tail.Add(line);
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
