using Clspd.ServiceDefaults;

namespace Clspd.ServiceDefaults.Tests;

public sealed class GrpcResponsesTests
{
    [Theory]
    [InlineData("GW-1: a bearer token is required (authorization: Bearer <token>)", "GW-1: a bearer token is required (authorization: Bearer <token>)")]
    [InlineData("GW-2: too many calls from this caller (limit 2 per second); retry later", "GW-2: too many calls from this caller (limit 2 per second); retry later")]
    [InlineData("100% sûr", "100%25 s%C3%BBr")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void EncodeMessage_OnlyBytesOutsidePrintableAsciiAndPercent_AreEncoded_GW_1(string message, string onTheWire)
    {
        Assert.Equal(onTheWire, GrpcResponses.EncodeMessage(message));
        Assert.Equal(message, Uri.UnescapeDataString(onTheWire));
    }
}
