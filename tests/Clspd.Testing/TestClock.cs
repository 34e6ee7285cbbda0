namespace Clspd.Testing;

/// <summary>
/// The instant every in-process host's fake clock starts at. Tests state their dates relative to it
/// (or to a host's <c>Clock</c>), never to the machine's date, so a run gives the same answers on any
/// day. Tokens are not affected: their lifetimes are checked against the wall clock.
/// </summary>
public static class TestClock
{
    /// <summary>Sunday 29 November 2026, 09:00 UTC (10:00 in Paris): the same calendar day in UTC and in Paris.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The calendar day of <see cref="Start"/>.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>A fake clock set at <see cref="Start"/>.</summary>
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider Create() => new(Start);
}
