using System.Text;

namespace Clspd.Local;

/// <summary>What the run command prints once the stack serves: endpoints, data, how to call it.</summary>
public static class Banner
{
    /// <summary>Where the gateway serves the OpenAPI document of the JSON paths.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

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

        text.AppendLine($"  json      {stack.GatewayJsonAddress.ToString().TrimEnd('/'),-23} the gateway's JSON paths over HTTP/1.1 (OpenAPI at {OpenApiPath})");
        if (stack.GatewayTlsAddress is { } partners)
        {
            text.AppendLine($"  tls       {partners.ToString().TrimEnd('/'),-23} the gateway for partners over TLS (gRPC and JSON), trusting {stack.Certificates!.CaFile}");
        }
        text.AppendLine($"  {StackCatalog.Web,-9} {stack.WebAddress.ToString().TrimEnd('/'),-23} pid {pids.GetValueOrDefault(StackCatalog.Web)}  the web console: open it in a browser");
        text.AppendLine($"  {StackPorts.SignInName,-9} {stack.SignInAddress.ToString().TrimEnd('/'),-23} development sign-in (OpenID Connect, loopback only)");

        var gateway = stack.GatewayAddress.Authority;
        var data = stack.DataDirectory;
        var protoset = StackCatalog.Protoset;
        var (service, method) = Examples.First(e => stack.Services.Contains(e.Service));
        text.AppendLine($"  data      {data}");
        var certificates = stack.Certificates;
        text.AppendLine(certificates is null
            ? "  mode      h2c everywhere (--insecure-loopback): no TLS between the services"
            : $"  mode      TLS and mutual TLS between the services; development CA {certificates.CaFile}");
        text.AppendLine();
        text.AppendLine("Call it through the gateway with a token of the local issuer:");
        text.AppendLine($"  TOKEN=$(dotnet run --project deploy/Clspd.Local -- token --sub admin --data '{data}')");
        text.AppendLine($"  grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" -protoset '{protoset}' \\");
        text.AppendLine($"    -d '{{}}' {gateway} {method}");
        if (certificates is not null)
        {
            text.AppendLine("or through the gateway over TLS, trusting the development CA (no client certificate):");
            text.AppendLine($"  grpcurl -cacert '{certificates.CaFile}' -H \"authorization: Bearer $TOKEN\" -protoset '{protoset}' \\");
            text.AppendLine($"    -d '{{}}' {stack.GatewayTlsAddress!.Authority} {method}");
            // A service port directly: its certificate checked against the development CA, the operator's presented.
            var direct = stack.AddressOf(service).Authority;
            var client = DevelopmentCertificates.Operator;
            text.AppendLine("or a service directly, over mutual TLS:");
            text.AppendLine($"  grpcurl -cacert '{certificates.CaFile}' -cert '{certificates.CertificateFile(client)}' -key '{certificates.KeyFile(client)}' \\");
            text.AppendLine($"    -H \"authorization: Bearer $TOKEN\" -protoset '{protoset}' -d '{{}}' {direct} {method}");
        }

        text.AppendLine("or as JSON over HTTP/1.1, without gRPC:");
        text.AppendLine($"  curl -H \"authorization: Bearer $TOKEN\" {stack.GatewayJsonAddress.ToString().TrimEnd('/')}/v1/registry/subjects/admin/designations");
        // A script's background job ignores SIGINT (bash), so SIGTERM is how a script stops it.
        text.Append($"Ctrl-C stops every process; from a script, SIGTERM does: kill -TERM {Environment.ProcessId}");
        return text.ToString();
    }
}
