using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Clspd.Gateway.Json;
using Clspd.Gateway.Tests.Infrastructure;
using Clspd.ServiceDefaults.Auth;
using Google.Api;
using Clspd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Clspd.Gateway.Tests;

/// <summary>The gateway's rules on the JSON paths: the same limits as gRPC calls, the refusals in JSON; its JSON listener and OpenAPI document.</summary>
public sealed class GatewayJsonTranscodingTests
{
    [Fact]
    public async Task JsonTranscoding_OverRateLimit_429NamingGW_2()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:RateLimit:PermitsPerSecond"] = "2",
            ["Gateway:RateLimit:QueueLimit"] = "0",
            ["Gateway:JsonListen"] = "http://127.0.0.1:0",
        });
        using var http = new HttpClient { BaseAddress = gateway.JsonAddress };
        var token = issuer.Token("flooder");

        // All at once, so that they fall in the same one-second window whatever the machine's load.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/registry/subjects/flooder/designations")
            {
                Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).Select(a => JsonNode.Parse(a.Body)!).ToList();

        Assert.NotEmpty(refused);
        Assert.All(refused, body =>
        {
            Assert.Equal(8, (int?)body["code"]);
            Assert.Equal("GW-2: too many calls from this caller (limit 2 per second); retry later", (string?)body["message"]);
            Assert.Equal("GW-2", (string?)body["details"]![0]!["metadata"]!["rule_id"]);
        });
        Assert.InRange(answers.Length - refused.Count, 1, 4);
    }

    [Fact]
    public async Task JsonTranscoding_ServiceNotDeployed_404InJson()
    {
        using var issuer = new TestIssuer();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?> { ["Gateway:JsonListen"] = "http://127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = gateway.JsonAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/records/cases/c1") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token("someone"));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(12, (int?)body["code"]);
        Assert.Equal("no service behind this gateway implements /v1/records/cases/c1", (string?)body["message"]);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5085", "cleartext is only for loopback")]
    [InlineData("https://127.0.0.1:5085", "TLS needs Tls:CertificateFile")]
    [InlineData("127.0.0.1:5085", "an absolute http:// (loopback) or https:// address is required")]
    public void JsonTranscoding_JsonListenUnsafeOrUnusable_RefusedAtStart(string listen, string problem)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [JsonListener.Setting] = listen });

        var ex = Assert.Throws<InvalidOperationException>(() => builder.UseJsonListener());

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonTranscoding_NoJsonPathForAnInternalOnlyRpc_GW_1()
    {
        // The gateway refuses the internal RPCs by their gRPC path (GW-1); a JSON path would route around that rule.
        var annotated = OpenApiDocument.Files.SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Where(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not null)
            .Select(m => $"/{m.Service.FullName}/{m.Name}").ToList();

        Assert.Equal(8, annotated.Count);
        Assert.Empty(annotated.Intersect(ServiceCallPolicy.InternalOnly));
    }

    [Fact]
    public void JsonTranscoding_OpenApiDocument_OnlyTheDeployedServicesPathsWithTheProtosComments()
    {
        var document = OpenApiDocument.Build(["registry", "consent"]);

        Assert.Equal(
            ["/v1/consent/subjects/{subject_ref}/state", "/v1/registry/participants/{participant_id}/designations", "/v1/registry/subjects/{subject}/designations"],
            document["paths"]!.AsObject().Select(p => p.Key).Order());
        var state = document["paths"]!["/v1/consent/subjects/{subject_ref}/state"]!["get"]!;
        Assert.StartsWith("Answers the consent state of a subject for a purpose (and group) at an instant.", (string?)state["description"], StringComparison.Ordinal);
        var parameters = state["parameters"]!.AsArray();
        Assert.Equal("Subject reference.", (string?)parameters[0]!["description"]);
        Assert.Equal(["subject_ref", "purpose", "groupId", "at", "meetingAt"], parameters.Select(p => (string?)p!["name"]));
        Assert.Equal("PURPOSE_NAMED_DISCUSSION", (string?)parameters[1]!["schema"]!["enum"]![1]);
    }
}
