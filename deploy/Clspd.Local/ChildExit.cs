using System.Text;

namespace Clspd.Local;

/// <summary>
/// A piece of the stack that exited on its own: its name, exit code, and the last lines it wrote
/// on stderr and stdout (at most <see cref="LocalStackOptions.TailLines"/> of each), which say why
/// (an unhandled exception, a failed assertion, a stack overflow…).
/// </summary>
public sealed record ChildExit(string Name, int ExitCode)
{
    /// <summary>The last lines the child wrote on stderr, oldest first.</summary>
    public IReadOnlyList<string> LastErrorLines { get; init; } = [];

    /// <summary>The last lines the child wrote on stdout, oldest first.</summary>
    public IReadOnlyList<string> LastOutputLines { get; init; } = [];

    /// <summary>One line: which piece exited and with which code.</summary>
    public override string ToString() => $"{Name} exited unexpectedly with code {ExitCode}";

    /// <summary>The one line, then the last lines of stderr, then those of stdout.</summary>
    public string Describe()
    {
        var text = new StringBuilder(ToString());
        Append("stderr", LastErrorLines);
        Append("stdout", LastOutputLines);
        return text.ToString();

        void Append(string stream, IReadOnlyList<string> lines)
        {
            text.Append('\n');
            if (lines.Count == 0)
            {
                text.Append($"--- {Name} wrote nothing on {stream} ---");
                return;
            }

            text.Append($"--- last {lines.Count} line(s) of {Name} on {stream} ---");
            foreach (var line in lines)
            {
                text.Append('\n').Append(line);
            }
        }
    }
}
