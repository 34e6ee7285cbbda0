namespace Clspd.ServiceDefaults.Health;

/// <summary>
/// <c>dotnet Clspd.X.dll --probe http://127.0.0.1:8081/readyz</c>: asks a health path over HTTP/1.1 and exits 0 when
/// it answers 200, 1 otherwise. The images' Docker <c>HEALTHCHECK</c> runs it: the chiseled runtime image has no
/// shell, curl or wget, but it has <c>dotnet</c> and the service's own assembly.
/// </summary>
public static class HealthProbeCommand
{
    public const string Option = "--probe";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    /// <summary>When <paramref name="args"/> asks for a probe, runs it and ends the process with its exit code.</summary>
    public static void ExitIfAsked(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [Option, var address])
        {
            Environment.Exit(Probe(address));
        }
    }

    /// <summary>0 when <paramref name="address"/> answers 200 within four seconds, else 1 (with a line on standard error).</summary>
    public static int Probe(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            Console.Error.WriteLine($"{Option} needs an http:// address, e.g. http://127.0.0.1:8081/readyz");
            return 1;
        }

        try
        {
            using var client = new HttpClient { Timeout = Timeout };
            using var response = client.GetAsync(uri).GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            Console.Error.WriteLine($"{uri}: {(int)response.StatusCode} {response.StatusCode}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{uri}: {e.Message}");
            return 1;
        }
    }
}
