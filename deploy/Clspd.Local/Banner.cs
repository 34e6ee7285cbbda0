using System.Text;

namespace Clspd.Local;

/// <summary>What the run command prints once the stack serves: endpoints, data, how to call it.</summary>
public static class Banner
{
    // One RPC per service for the grpcurl example; consent and access import only well-known types.
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
        var protos = StackCatalog.ProtosDirectory ?? "protos";
        var (service, method) = Examples.First(e => stack.Services.Contains(e.Service));
        text.AppendLine($"  data      {data}");
        text.AppendLine();
        text.AppendLine("Call it through the gateway with a token of the local issuer:");
        text.AppendLine($"  TOKEN=$(dotnet run --project deploy/Clspd.Local -- token --sub admin --data '{data}')");
        text.AppendLine($"  grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" -import-path '{protos}' -proto clspd/{service}/v1/{service}.proto \\");
        text.AppendLine($"    -d '{{}}' {gateway} {method}");
        text.Append("Ctrl-C stops every process.");
        return text.ToString();
    }
}
