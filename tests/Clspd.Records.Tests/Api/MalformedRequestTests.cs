using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// GW-2: bytes that are not a valid request message, sent with a valid token to every method of
/// every service (found from the proto descriptors), get InvalidArgument naming the message type —
/// never Unknown or Internal — and write nothing.
/// </summary>
public sealed class MalformedRequestTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private const int Seed = 20261206;

    public static TheoryData<string> Services() => new("registry", "consent", "records", "access");

    [Theory]
    [MemberData(nameof(Services))]
    public async Task EveryMethod_MalformedBodies_InvalidArgumentNamingTheMessageAndNoWrite_GW_2(string service)
    {
        var (file, channel, data) = service switch
        {
            "registry" => (Clspd.Registry.V1.RegistryReflection.Descriptor, services.Registry.Channel, services.Registry.DataDirectory),
            "consent" => (Clspd.Consent.V1.ConsentReflection.Descriptor, services.Consent.Channel, services.Consent.DataDirectory),
            "records" => (Clspd.Records.V1.RecordsReflection.Descriptor, services.Records.Channel, services.Records.DataDirectory),
            _ => (Clspd.Access.V1.AccessReflection.Descriptor, services.Access.Channel, services.Access.DataDirectory),
        };
        var database = Path.Combine(data, service + ".db");
        var before = await MalformedRequestFuzz.RowCountsAsync(database);

        var answers = await MalformedRequestFuzz.CallAllAsync(channel.CreateCallInvoker(), file,
            () => services.Issuer.As("admin").WithDeadline(DateTime.UtcNow.AddSeconds(30)), Seed);

        Assert.Equal(MalformedRequestFuzz.Methods(file).Count * 6, answers.Count);
        Assert.All(answers, a =>
        {
            Assert.True(a.Status == StatusCode.InvalidArgument && a.Detail == a.Expected,
                $"{a.Method} with {a.Kind} ({a.Hex}): {a.Status} \"{a.Detail}\", expected InvalidArgument \"{a.Expected}\"");
        });
        Assert.Equal(before, await MalformedRequestFuzz.RowCountsAsync(database));
    }

    [Fact]
    public void BodiesFor_SameSeed_SameBodies_GW_2()
    {
        var method = Clspd.Records.V1.RecordsReflection.Descriptor.Services[0].Methods[0];

        var first = MalformedRequestFuzz.BodiesFor(method, Seed);
        var second = MalformedRequestFuzz.BodiesFor(method, Seed);

        Assert.Equal(first.Select(b => Convert.ToHexString(b.Bytes)), second.Select(b => Convert.ToHexString(b.Bytes)));
    }
}
