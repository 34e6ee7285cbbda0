using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clspd.ServiceDefaults.Telemetry;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>The project's activity sources: a database session and a call to a peer, as an exporter listening to <c>Clspd.*</c> sees them.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private readonly Activity _test = new Activity(nameof(TelemetryTests)).Start();

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Clspd.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task ReadAsync_Listened_DatabaseActivityNamesTheSystem()
    {
        var db = TestDatabases.Sqlite(new ServiceIdentity("registry", typeof(TelemetryTests).Assembly), TimeProvider.System);

        await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT 1;"), TestContext.Current.CancellationToken);

        var activity = Assert.Single(Mine(), a => a.Source.Name == ClspdActivities.DatabaseName);
        Assert.Equal(("db read", "sqlite"), (activity.DisplayName, (string?)activity.GetTagItem("db.system")));
    }

    [Fact]
    public async Task PeerCall_Unreachable_ActivityNamesThePeerAndTheStatus()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:Peer"] = $"http://127.0.0.1:{FreePort()}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<TlsOptions>();
        services.AddOptions<Auth.ServiceAuthOptions>();
        services.AddOptions<Auth.AuthOptions>();
        services.AddSingleton(new ServiceIdentity("access", typeof(TelemetryTests).Assembly));
        services.AddSingleton<Auth.ServiceTokenProvider>();
        services.AddClspdClient<Grpc.Health.V1.Health.HealthClient>("Peer");
        await using var provider = services.BuildServiceProvider();

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<Grpc.Health.V1.Health.HealthClient>()
            .CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        var activity = Assert.Single(Mine(), a => a.Source.Name == ClspdActivities.PeersName);
        Assert.Equal(("/grpc.health.v1.Health/Check", "Peer", (int)StatusCode.Unavailable),
            (activity.DisplayName, (string?)activity.GetTagItem("clspd.peer"), (int?)activity.GetTagItem("rpc.grpc.status_code")));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _test.Dispose();
    }

    // Only this test's activities: other tests of the run may trace at the same time.
    private List<Activity> Mine() => [.. _stopped.Where(a => a.TraceId == _test.TraceId)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
