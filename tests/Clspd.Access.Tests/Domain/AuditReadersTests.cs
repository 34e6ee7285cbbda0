using Clspd.Access.Domain;
using Clspd.Rules;

namespace Clspd.Access.Tests.Domain;

public sealed class AuditReadersTests
{
    private const string Verify = "verify the audit trail";

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(false, 1, true)]
    [InlineData(false, 0, false)]
    public void MayVerify_PrivilegedOrCoordinator_AllowedElseViolation_ACC_6(bool privileged, int councils, bool allowed)
    {
        var violation = AuditReaders.MayVerify(privileged, [.. Enumerable.Range(0, councils).Select(i => "k" + i)], Verify);

        Assert.Equal(allowed ? null : new Violation("ACC-6", "", "only coordinators, the controller's administrators and the platform's services verify the audit trail"), violation);
    }

    [Fact]
    public void ListScope_Coordinator_TheirCouncilsAndThePrincipalAsked_ACC_6()
    {
        var scope = AuditReaders.ListScope(["k1", "k2"], "me", "someone");

        Assert.Equal(["k1", "k2"], scope.CouncilIds!);
        Assert.Equal(("someone", (Violation?)null), (scope.Principal, scope.Denied));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("me")]
    public void ListScope_ParticipantAskingOwnOrNobody_OwnAccessesOnly_ACC_6(string? asked)
    {
        var scope = AuditReaders.ListScope([], "me", asked);

        Assert.Equal((null, "me", null), (scope.CouncilIds, scope.Principal, scope.Denied));
    }

    [Fact]
    public void ListScope_ParticipantAskingSomeoneElse_Violation_ACC_6()
    {
        var scope = AuditReaders.ListScope([], "me", "someone");

        Assert.Equal(new Violation("ACC-6", "principal", "a participant may read only the trail of their own accesses"), scope.Denied);
    }

    [Theory]
    [InlineData(true, "", true)]
    [InlineData(false, "k1", true)]
    [InlineData(false, "k2", false)]
    [InlineData(false, "", false)]
    public void MayCount_PrivilegedOrCoordinatorOfTheCouncil_AllowedElseViolation_REC_11(bool privileged, string coordinated, bool allowed)
    {
        var violation = AuditReaders.MayCount(privileged, coordinated.Length == 0 ? [] : [coordinated], "k1");

        Assert.Equal(allowed ? null : new Violation("REC-11", "council_id", "a council's decision counts are read by the platform's services, its coordinator and administrators"),
            violation);
    }

    [Theory]
    [InlineData(true, "svc", "p-1", true)]
    [InlineData(false, "p-1", "p-1", true)]
    [InlineData(false, "p-1", "p-2", false)]
    public void MayCheck_ServiceOrOwnAccess_AllowedElseViolation_ACC_6(bool isService, string caller, string principal, bool allowed) =>
        Assert.Equal(allowed ? null : new Violation("ACC-6", "principal", "a participant may check only their own access"),
            CheckCallers.MayCheck(isService, caller, principal));
}
