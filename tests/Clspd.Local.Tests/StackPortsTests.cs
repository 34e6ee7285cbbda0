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
}
