using System.Reflection;

namespace Clspd.ServiceDefaults;

/// <summary>
/// Which service this process is: its short name (database file, service principal
/// <c>svc:{name}</c>, telemetry) and the assembly holding its migration scripts.
/// </summary>
public sealed record ServiceIdentity(string Name, Assembly MigrationsAssembly)
{
    /// <summary>The token subject this service calls others with.</summary>
    public string PrincipalSubject => "svc:" + Name;
}
