using System.Text;
using Clspd.Access.Domain;

namespace Clspd.Access.Tests.Domain;

public sealed class SignedCheckpointTests
{
    private static readonly string Hash = new('c', 64);

    [Fact]
    public void Content_TheTextTheProtoDocuments_ACC_4()
    {
        var signedAt = new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);

        var content = Encoding.UTF8.GetString(SignedCheckpoint.Content(12, Hash, signedAt, "0123456789abcdef"));

        Assert.Equal($"clspd.access.audit-checkpoint.v1\n12\n{Hash}\n2026-12-06T20:00:00.1234567Z\n0123456789abcdef", content);
    }

    [Theory]
    [InlineData("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", true)]
    [InlineData("CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", true)]
    [InlineData("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccd", false)]
    [InlineData(null, false)]
    public void Matches_StoredHashAtItsSequence_ACC_4(string? stored, bool matches) =>
        Assert.Equal(matches, new SignedCheckpoint(12, Hash, DateTimeOffset.UnixEpoch, "k", []).Matches(stored));
}
