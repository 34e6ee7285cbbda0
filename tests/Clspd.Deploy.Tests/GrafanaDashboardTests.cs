using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clspd.Deploy.Tests;

/// <summary>
/// deploy/grafana's dashboard, read as Grafana reads it: every metric it queries is one the code defines (under its
/// Prometheus name), and every metric the code defines is documented in docs/operations.md.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string Dashboard = "deploy/grafana/clspd-services.json";

    [Fact]
    public void Dashboard_EveryQueriedMetric_IsDefinedInCode()
    {
        var defined = DefinedMetrics().Select(m => m.Replace('.', '_')).ToHashSet(StringComparer.Ordinal);
        var queried = Expressions().SelectMany(e => PrometheusName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        foreach (var name in queried)
        {
            var metric = Suffix().Replace(name, string.Empty);
            Assert.True(defined.Contains(metric) || (metric.EndsWith("_seconds", StringComparison.Ordinal) && defined.Contains(metric[..^"_seconds".Length])),
                $"{Dashboard} queries {name}, which no instrument of the code defines (defined: {string.Join(", ", defined.Order())})");
        }
    }

    [Fact]
    public void Dashboard_EveryPanel_QueriesSomething()
    {
        using var document = JsonDocument.Parse(Repository.Read(Dashboard));
        var panels = document.RootElement.GetProperty("panels").EnumerateArray().ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
    }

    [Fact]
    public void OperationsDoc_EveryMetricOfTheCode_IsDocumented()
    {
        var doc = Repository.Read("docs/operations.md");
        var defined = DefinedMetrics();

        Assert.NotEmpty(defined);
        Assert.All(defined, m => Assert.Contains($"`{m}`", doc, StringComparison.Ordinal));
    }

    private static List<string> Expressions()
    {
        using var document = JsonDocument.Parse(Repository.Read(Dashboard));
        return [.. document.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!)];
    }

    // The instrument names of the services and the gateway: the string constants spelled clspd.<area>.<name>.
    private static HashSet<string> DefinedMetrics() =>
        [.. new[] { "services", "gateway" }
            .SelectMany(d => Directory.EnumerateFiles(Repository.PathOf(d), "*Metrics.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => InstrumentName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))];

    [GeneratedRegex(@"""(clspd\.[a-z0-9_.]+)""")]
    private static partial Regex InstrumentName();

    [GeneratedRegex(@"\bclspd_[a-z0-9_]+")]
    private static partial Regex PrometheusName();

    [GeneratedRegex("_(total|bucket|sum|count)$")]
    private static partial Regex Suffix();
}
