using Clspd.Consent.States;
using Clspd.Consent.Store;

namespace Clspd.Consent.Tests.States;

/// <summary>
/// Facts kept between consent lookups only while the feed's revision has not moved (CON-4: a
/// withdrawal or refusal moves it, so no lookup after it can be answered from older facts).
/// </summary>
public sealed class StateFactsCacheTests
{
    private static StateFacts Facts(long revision) => new(revision, null, [], []);

    [Fact]
    public void TryGet_RevisionUnchanged_TheFactsKept_CON_4()
    {
        var cache = new StateFactsCache(10);
        var facts = Facts(7);
        cache.Put("p-1", 1, "g-1", facts);

        Assert.True(cache.TryGet(7, "p-1", 1, "g-1", out var held));
        Assert.Same(facts, held);
        Assert.False(cache.TryGet(7, "p-1", 2, "g-1", out _));
        Assert.False(cache.TryGet(7, "p-1", 1, "g-2", out _));
        Assert.False(cache.TryGet(7, "p-2", 1, "g-1", out _));
    }

    [Fact]
    public void TryGet_RevisionMoved_Miss_CON_4()
    {
        var cache = new StateFactsCache(10);
        cache.Put("p-1", 1, "g-1", Facts(7));

        Assert.False(cache.TryGet(8, "p-1", 1, "g-1", out _));
    }

    [Fact]
    public void Put_NewerRevision_OlderFactsGone_CON_4()
    {
        var cache = new StateFactsCache(10);
        cache.Put("p-1", 1, "g-1", Facts(7));
        cache.Put("p-2", 1, "g-1", Facts(7));

        cache.Put("p-3", 1, "g-1", Facts(9));

        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(7, "p-1", 1, "g-1", out _));
        Assert.True(cache.TryGet(9, "p-3", 1, "g-1", out _));
    }

    [Fact]
    public void Put_OlderRevisionThanHeld_NotKept_CON_4()
    {
        // A slow lookup that read revision 7 finishes after another stored facts at 9: its facts are not kept.
        var cache = new StateFactsCache(10);
        var current = Facts(9);
        cache.Put("p-1", 1, "g-1", current);

        cache.Put("p-1", 1, "g-1", Facts(7));

        Assert.True(cache.TryGet(9, "p-1", 1, "g-1", out var held));
        Assert.Same(current, held);
        Assert.False(cache.TryGet(7, "p-1", 1, "g-1", out _));
    }

    [Fact]
    public void Put_Full_EmptiedBeforeANewEntry()
    {
        var cache = new StateFactsCache(3);
        for (var i = 0; i < 3; i++)
        {
            cache.Put("p-" + i, 1, "", Facts(5));
        }

        cache.Put("p-0", 1, "", Facts(5));
        Assert.Equal(3, cache.Count);

        cache.Put("p-3", 1, "", Facts(5));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(5, "p-3", 1, "", out _));
    }

    [Fact]
    public void Put_CapacityZero_NothingKept()
    {
        var cache = new StateFactsCache(0);

        cache.Put("p-1", 1, "g-1", Facts(7));

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(7, "p-1", 1, "g-1", out _));
    }

    [Fact]
    public void Constructor_CapacityNegative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StateFactsCache(-1));
}
