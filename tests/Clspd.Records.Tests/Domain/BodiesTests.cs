using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Registry.V1;

namespace Clspd.Records.Tests.Domain;

public sealed class BodiesTests
{
    [Theory]
    [InlineData(GroupKind.Cddf, BodyKind.Cddf)]
    [InlineData(GroupKind.Territorial, BodyKind.ClspdGroup)]
    [InlineData(GroupKind.Thematic, BodyKind.ClspdGroup)]
    [InlineData(GroupKind.Operational, BodyKind.ClspdGroup)]
    [InlineData(GroupKind.Unspecified, BodyKind.Unspecified)]
    public void Of_GroupKind_TheBodyAccessWallsOn_REC_8(GroupKind kind, BodyKind expected) => Assert.Equal(expected, Bodies.Of(kind));

    [Fact]
    public void UnseenViolation_OneAnswerForEveryIdKeptFromTheCaller_ACC_1() =>
        Assert.Equal(("ACC-1", "", Unseen.Sentence), (Unseen.Violation.RuleId, Unseen.Violation.Subject, Unseen.Violation.Sentence));
}
