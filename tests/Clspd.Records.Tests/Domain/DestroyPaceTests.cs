using Clspd.Records.Lifecycle;

namespace Clspd.Records.Tests.Domain;

public sealed class DestroyPaceTests
{
    [Theory]
    [InlineData(2_000, 500, 250)]
    [InlineData(2_000, 100_000, 50_000)]
    [InlineData(1, 3, 3_000)]
    [InlineData(0, 100_000, 0)]
    public void DueAfter_RowsAtTheRate_TimeTheRunMustHaveLasted_REC_7(int rowsPerSecond, long rows, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), new DestroyPace(rowsPerSecond).DueAfter(rows));
    }

    [Fact]
    public async Task AfterAsync_BatchEarly_WaitsUntilItsRowsAreDue_REC_7()
    {
        var pace = new DestroyPace(rowsPerSecond: 100);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await pace.AfterAsync(20, TestContext.Current.CancellationToken);

        // 20 rows at 100 per second are due 200 ms after the start: the batch came at once, so the pace waited.
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(195), $"waited only {started.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AfterAsync_NoLimit_NeverWaits_REC_7()
    {
        var pace = new DestroyPace(rowsPerSecond: 0);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // A wait would observe the cancelled token and throw.
        await pace.AfterAsync(1_000_000, cancelled.Token);
        Assert.Equal(TimeSpan.Zero, pace.DueAfter(1_000_000));
    }
}
