namespace Clspd.Gateway.Limits;

/// <summary>The address a call came from, as the connection shows it (no forwarded headers are trusted).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
