using Google.Protobuf;

namespace Clspd.Cli.Output;

/// <summary>
/// The <c>--json</c> output: the gRPC answer in the protobuf JSON mapping (lowerCamelCase names,
/// enum names as in the .proto, RFC 3339 timestamps), default values included so that scripts
/// always find every field.
/// </summary>
public static class JsonOut
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());

    public static string Format(IMessage message) => Formatter.Format(message);
}
