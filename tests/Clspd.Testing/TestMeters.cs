using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Testing;

/// <summary>A meter factory of its own, for a class built without a host (its meters seen by a MetricCollector given it).</summary>
public static class TestMeters
{
    public static IMeterFactory Create() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
