using Clspd.Records.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Records.Tests.Lifecycle;

public sealed class LifecyclePaceTests
{
    [Theory]
    [InlineData(1_000, 0.5, 60_000, 0.5)]   // a second's share of a minute, half of it spent: wait the other half
    [InlineData(1_000, 1.0, 60_000, 0)]     // exactly on pace
    [InlineData(1_000, 2.0, 60_000, 0)]     // behind the pace: no wait
    [InlineData(500, 0, 30_000, 1.0)]
    [InlineData(1_000, 0, 0, 0)]            // 0: no limit
    [InlineData(0, 0, 60_000, 0)]           // nothing done yet
    public void WaitAfter_UnitsDoneAndTimeSpent_WaitsUntilTheirShareOfAMinute(long done, double elapsedSeconds, int perMinute, double expectedSeconds)
    {
        var wait = LifecyclePace.WaitAfter(done, TimeSpan.FromSeconds(elapsedSeconds), perMinute);

        Assert.Equal(expectedSeconds, wait.TotalSeconds, precision: 6);
    }

    [Fact]
    public async Task DoneAsync_AheadOfThePace_CompletesOnlyWhenTheClockHasCaughtUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pace = new LifecyclePace(60_000, time);

        var first = pace.DoneAsync(1_000, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(999));
        var early = first.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await first;

        Assert.False(early);
        Assert.Equal(1_000, pace.Done);
        Assert.True(pace.DoneAsync(0, TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public void DoneAsync_NoLimit_NeverWaits()
    {
        var pace = new LifecyclePace(0, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.True(pace.DoneAsync(1_000_000, TestContext.Current.CancellationToken).IsCompleted);
    }
}
