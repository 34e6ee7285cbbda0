using System.CommandLine;

namespace Clspd.Cli.Commands;

/// <summary>Builds commands whose help always ends with an example.</summary>
public static class Cmd
{
    public static Command New(string name, string description, string example, params Symbol[] symbols)
    {
        var command = new Command(name, $"{description}\n\nExample:\n  {example}");
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command sub:
                    command.Subcommands.Add(sub);
                    break;
            }
        }

        return command;
    }

    /// <summary>A group of commands (no action of its own).</summary>
    public static Command Group(string name, string description, string example, params Command[] commands) =>
        New(name, description, example, commands);
}
