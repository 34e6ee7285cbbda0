namespace Clspd.Gateway.Health;

/// <summary>What one backend answered to its health check: serving or not, and why not.</summary>
public sealed record BackendStatus(string Name, Uri Address, bool Serving, string Detail)
{
    public override string ToString() => $"{Name} ({Address}): {Detail}";
}
