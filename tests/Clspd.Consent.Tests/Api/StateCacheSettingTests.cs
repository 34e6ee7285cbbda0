using Clspd.Consent.States;
using Clspd.Consent.V1;
using Clspd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Consent.Tests.Api;

/// <summary><c>Consent:StateCacheEntries</c>: how many consent states' facts are kept between lookups; 0 keeps none.</summary>
public sealed class StateCacheSettingTests
{
    [Fact]
    public async Task Startup_StateCacheEntriesNegative_RefusedNamingIt()
    {
        using var issuer = new TestIssuer();
        await using var host = new ServiceHost<Program>(issuer, new Dictionary<string, string?> { ["Consent:StateCacheEntries"] = "-1" });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains("StateCacheEntries", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10_000)]
    [InlineData("25", 25)]
    [InlineData("0", 0)]
    public async Task Startup_StateCacheEntries_CacheOfThatSize(string? setting, int capacity)
    {
        using var issuer = new TestIssuer();
        var configuration = setting is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Consent:StateCacheEntries"] = setting };
        await using var host = new ServiceHost<Program>(issuer, configuration);
        await host.WaitReadyAsync();
        var subjects = new SubjectService.SubjectServiceClient(host.Channel);
        var consent = new ConsentService.ConsentServiceClient(host.Channel);
        await subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = Guid.NewGuid().ToString("N"), SubjectRef = "p-cache" }, issuer.As("svc:records"));

        var state = await consent.GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = "p-cache", Purpose = Purpose.DataProcessing }, issuer.As("svc:access"));

        Assert.Equal(ConsentState.NotAsked, state.State);
        var cache = host.Services.GetRequiredService<StateFactsCache>();
        Assert.Equal(capacity, cache.Capacity);
        Assert.Equal(capacity > 0 ? 1 : 0, cache.Count);
    }
}
