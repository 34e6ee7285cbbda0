using System.Diagnostics;

namespace Clspd.ServiceDefaults.Telemetry;

/// <summary>
/// The project's activity sources (traced when an exporter listens, <c>Clspd.*</c>): a call to another service, and a
/// database session (one read, or one write transaction). SQL Server's commands are traced as well by the SqlClient
/// instrumentation; SQLite has none, so the sessions are the finest grain there. With no listener,
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and costs a check.
/// </summary>
public static class ClspdActivities
{
    public const string PeersName = "Clspd.Peers";

    public const string DatabaseName = "Clspd.Database";

    public static readonly ActivitySource Peers = new(PeersName);

    public static readonly ActivitySource Database = new(DatabaseName);
}
