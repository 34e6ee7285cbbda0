using System.CommandLine;
using Clspd.Cli.Output;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Clspd.Cli;

/// <summary>
/// One command being run: its parsed options, where it prints, and the connection to the gateway
/// with the caller's token (opened on first use).
/// </summary>
public sealed class Run(ParseResult parse, ClspdCli cli) : IDisposable
{
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private GrpcChannel? _channel;
    private Connection? _connection;

    public TextWriter Out => parse.InvocationConfiguration.Output;

    public TextWriter Err => parse.InvocationConfiguration.Error;

    public bool Json => parse.GetValue(cli.Globals.Json);

    public CliEnvironment Environment => cli.Environment;

    public TokenStore Tokens => new(cli.Environment);

    /// <summary>The exit code once the command completed (a command may report a failure it printed itself).</summary>
    public int ExitCode { get; set; }

    public Uri Gateway
    {
        get
        {
            var address = parse.GetValue(cli.Globals.Gateway) ?? Environment.Get(CliEnvironment.Gateway) ?? CliEnvironment.DefaultGateway;
            return Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new CliException(ExitCodes.Usage, $"--gateway: '{address}' is not an http(s) address");
        }
    }

    public string DataDirectory => Environment.DataDirectory(parse.GetValue(cli.Globals.Data));

    /// <summary>The caller's token: --token, else CLSPD_TOKEN, else the one stored by <c>clspd login</c>.</summary>
    public string Token =>
        parse.GetValue(cli.Globals.Token) ?? Environment.Get(CliEnvironment.Token) ?? Tokens.Read()
        ?? throw new CliException(ExitCodes.Denied, "no token: run 'clspd login --as SUBJECT' on the local stack, or pass --token (or set CLSPD_TOKEN)");

    /// <summary>The subject (<c>sub</c>) of the caller's token.</summary>
    public string Subject
    {
        get
        {
            try
            {
                return new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Token).Subject;
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ExitCodes.Usage, $"the token is not a JWT ({ex.Message})");
            }
        }
    }

    /// <summary>The caller's connection.</summary>
    public Connection Api => _connection ??= new Connection(Channel, Token);

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Gateway);

    public T Get<T>(Option<T> option) => parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => parse.GetValue(argument)!;

    /// <summary>A connection with another token (the demo acts as several people).</summary>
    public Connection As(string key, string token)
    {
        if (!_connections.TryGetValue(key, out var connection))
        {
            connection = _connections[key] = new Connection(Channel, token);
        }

        return connection;
    }

    /// <summary>Prints the answer: JSON for scripts, else what <paramref name="human"/> writes.</summary>
    public void Show(IMessage reply, Action human)
    {
        ArgumentNullException.ThrowIfNull(human);
        if (Json)
        {
            Out.WriteLine(JsonOut.Format(reply));
        }
        else
        {
            human();
        }
    }

    /// <summary>The request id given with --request-id, else a fresh one (retrying the same command with --request-id is safe).</summary>
    public string RequestId(Option<string?> option) => parse.GetValue(option) ?? Guid.CreateVersion7().ToString();

    public void Dispose() => _channel?.Dispose();
}
