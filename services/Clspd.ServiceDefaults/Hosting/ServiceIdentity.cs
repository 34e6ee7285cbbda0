using System.Reflection;

namespace Clspd.ServiceDefaults;

/// <summary>
/// Which service this process is: its short name (database file, service principal
/// <c>svc:{name}</c>, telemetry) and the assembly holding its migration scripts.
/// </summary>
public sealed record ServiceIdentity(string Name, Assembly MigrationsAssembly)
{
    /// <summary>What every service principal's subject starts with.</summary>
    public const string SubjectPrefix = "svc:";

    /// <summary>The token subject this service calls others with.</summary>
    public string PrincipalSubject => SubjectPrefix + Name;

    /// <summary>The short name in a service principal's subject (<c>svc:records</c> → <c>records</c>), else the subject itself.</summary>
    public static string ServiceNameOf(string subject) =>
        subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? subject[SubjectPrefix.Length..] : subject;
}
