namespace Clspd.Local.Tests;

public sealed class StackPortsTests
{
    [Fact]
    public void Free_ManyCallsInARow_NoPortHandedOutTwice()
    {
        // The system alone gives a released port again soon enough that 500 draws would hold several
        // repeats (about 14,000 ports to draw from); two stacks would then share a port.
        var ports = Enumerable.Range(0, 100).Select(_ => StackPorts.Free())
            .SelectMany(p => new[] { p.Gateway, p.Registry, p.Consent, p.Records, p.Access, p.GatewayJson, p.GatewayTls, p.Web, p.SignIn }).ToList();

        Assert.Equal(900, ports.Count);
        Assert.Empty(ports.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void FreeLoopback_OnLinux_DrawnBelowTheSystemsRangeForOutgoingConnections()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        Assert.SkipUnless(File.Exists(Range), "reads Linux's range of ports for outgoing connections");
        var systemLow = int.Parse(File.ReadAllText(Range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.SkipWhen(systemLow < 22_000, $"the system's range starts at {systemLow}: no room below it, the system's own free ports are taken");

        var ports = StackPorts.FreeLoopback(30);

        // Where no outgoing connection takes one of them between the draw and the bind.
        Assert.All(ports, p => Assert.InRange(p, 20_000, systemLow - 1));
        Assert.Equal(30, ports.Distinct().Count());
    }
}
