using System.Text;

namespace Clspd.Local;

/// <summary>What the run command prints once the stack serves: endpoints, data, how to call it.</summary>
public static class Banner
{
    // One RPC per service for the grpcurl example; the protoset serves them all.
    private static readonly (string Service, string Method)[] Examples =
    [
        ("consent", "clspd.consent.v1.ConsentService/GetConsentState"),
        ("access", "clspd.access.v1.AccessService/Check"),
        ("registry", "clspd.registry.v1.RegistryService/GetCouncil"),
        ("records", "clspd.records.v1.RecordsService/GetCase"),
    ];

    public static string For(LocalStack stack)
    {
        var pids = stack.ProcessIds;
        var text = new StringBuilder();
        text.AppendLine("[local] the stack is SERVING");
        foreach (var name in stack.Services.Prepend(StackCatalog.Gateway))
        {
            text.AppendLine($"  {name,-9} {stack.EndpointOf(name),-23} pid {pids.GetValueOrDefault(name)}");
        }

        var gateway = stack.GatewayAddress.Authority;
        var data = stack.DataDirectory;
        var protoset = StackCatalog.Protoset;
        var (service, method) = Examples.First(e => stack.Services.Contains(e.Service));
        text.AppendLine($"  data      {data}");
        text.AppendLine();
        text.AppendLine("Call it through the gateway with a token of the local issuer:");
        text.AppendLine($"  TOKEN=$(dotnet run --project deploy/Clspd.Local -- token --sub admin --data '{data}')");
        text.AppendLine($"  grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" -protoset '{protoset}' \\");
        text.AppendLine($"    -d '{{}}' {gateway} {method}");
        // A script's background job ignores SIGINT (bash), so SIGTERM is how a script stops it.
        text.Append($"Ctrl-C stops every process; from a script, SIGTERM does: kill -TERM {Environment.ProcessId}");
        return text.ToString();
    }
}
