using Clspd.Access.Facts;
using Clspd.Consent.V1;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Access.Tests.Facts;

/// <summary>The consent cache keeps each purpose apart and forgets every purpose of a person on any change of theirs (ACC-3, CON-4).</summary>
public sealed class ConsentCacheTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    [Fact]
    public void TryGet_NamedDiscussionAndProgrammeEnrolment_KeptApart_ACC_3()
    {
        var cache = new ConsentCache(new FakeTimeProvider(DateTimeOffset.UtcNow));
        cache.Put("S-1", Purpose.NamedDiscussion, "g-1", informed: true, ConsentState.Refused, revision: 5);
        cache.Put("S-1", Purpose.ProgrammeEnrolment, "", informed: true, ConsentState.Permitted, revision: 5);

        Assert.True(cache.TryGet("S-1", Purpose.ProgrammeEnrolment, "", 5, MaxAge, out var programme));
        Assert.True(cache.TryGet("S-1", Purpose.NamedDiscussion, "g-1", 5, MaxAge, out var named));
        Assert.False(cache.TryGet("S-1", Purpose.NamedDiscussion, "g-2", 0, MaxAge, out _));
        Assert.Equal((true, ConsentState.Permitted), programme);
        Assert.Equal((true, ConsentState.Refused), named);
    }

    [Fact]
    public void Invalidate_ChangeForThePerson_ForgetsEveryPurposeOlderAnswersNotStored_CON_4()
    {
        var cache = new ConsentCache(new FakeTimeProvider(DateTimeOffset.UtcNow));
        cache.Put("S-1", Purpose.NamedDiscussion, "g-1", informed: true, ConsentState.Permitted, revision: 5);
        cache.Put("S-1", Purpose.ProgrammeEnrolment, "", informed: true, ConsentState.Permitted, revision: 5);
        cache.Put("S-2", Purpose.ProgrammeEnrolment, "", informed: true, ConsentState.Permitted, revision: 5);

        cache.Invalidate("S-1", revision: 6);
        cache.Put("S-1", Purpose.ProgrammeEnrolment, "", informed: true, ConsentState.Permitted, revision: 5);

        Assert.False(cache.TryGet("S-1", Purpose.ProgrammeEnrolment, "", 0, MaxAge, out _));
        Assert.False(cache.TryGet("S-1", Purpose.NamedDiscussion, "g-1", 0, MaxAge, out _));
        Assert.True(cache.TryGet("S-2", Purpose.ProgrammeEnrolment, "", 0, MaxAge, out _));
    }
}
