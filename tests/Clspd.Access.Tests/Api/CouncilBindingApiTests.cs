using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Access.Tests.Api;

/// <summary>
/// ACC-1 across organisations: a participant checking their own access with a token whose issuer is
/// bound to another council has no designation in force there; with an unbound issuer the same
/// designation counts. Asked by the records service, the councils records names for the person
/// (the ones the person's issuer binds them to) are the ones that count.
/// </summary>
public sealed class CouncilBindingApiTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private Commune Commune => new(stack.Registry.Channel, stack.Consent.Channel, stack.Issuer.As, stack.Registry.Clock);

    // An access service whose only issuer (the test's) binds its users to another council than the ones they sit in.
    private Clspd.Testing.ServiceHost<Program> AccessTrustingAnIssuerBoundElsewhere() =>
        stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler(), new Dictionary<string, string?>
        {
            ["Auth:Issuers:commune-a:Issuer"] = "clspd-local",
            ["Auth:Issuers:commune-a:KeyFile"] = stack.Issuer.PublicKeyFile,
            ["Auth:Issuers:commune-a:Organisation"] = "commune-a",
            ["Auth:Issuers:commune-a:Councils:0"] = "council-elsewhere",
            ["Auth:Issuers:commune-a:IssuesServiceIdentities"] = "true",
            ["Auth:Issuers:commune-a:IssuesAdministrators"] = "true",
        });

    [Fact]
    public async Task Check_OwnAccess_TokenBoundToAnotherCouncil_Denied_ACC_1()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (subject, revision) = await Commune.MemberAsync(council.Id, group.Id);
        await using var bound = AccessTrustingAnIssuerBoundElsewhere();
        await bound.WaitReadyAsync();
        var request = new CheckRequest
        {
            Principal = subject, Action = AccessAction.ReadCase, View = View.Pseudonymous, MinRegistryRevision = revision,
            Resource = new CaseResource { CaseId = "case-" + NewId(), SubjectRef = "S-1", CouncilId = council.Id, GroupId = group.Id, BodyKind = BodyKind.ClspdGroup },
        };

        var unbound = await new AccessService.AccessServiceClient(stack.Access.Channel).CheckAsync(request, stack.Issuer.As(subject));
        var byRecords = await new AccessService.AccessServiceClient(bound.Channel).CheckAsync(request, stack.Issuer.As("svc:records"));
        var own = await new AccessService.AccessServiceClient(bound.Channel).CheckAsync(request, stack.Issuer.As(subject));

        Assert.Equal(Outcome.Allow, unbound.Outcome);
        Assert.Equal(Outcome.Allow, byRecords.Outcome);
        Assert.Equal(Outcome.Deny, own.Outcome);
        Assert.Contains("ACC-1", own.RuleIds);
    }

    [Fact]
    public async Task Check_ByRecords_PrincipalCouncilsNamed_OnlyDesignationsThereCount_ACC_1()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (subject, revision) = await Commune.MemberAsync(council.Id, group.Id);
        var access = new AccessService.AccessServiceClient(stack.Access.Channel);
        CheckRequest Request(params string[] councils) => new()
        {
            Principal = subject, Action = AccessAction.ReadCase, View = View.Pseudonymous, MinRegistryRevision = revision, PrincipalCouncils = { councils },
            Resource = new CaseResource { CaseId = "case-" + NewId(), SubjectRef = "S-1", CouncilId = council.Id, GroupId = group.Id, BodyKind = BodyKind.ClspdGroup },
        };

        var unbound = await access.CheckAsync(Request(), stack.Issuer.As("svc:records"));
        var boundHere = await access.CheckAsync(Request(council.Id), stack.Issuer.As("svc:records"));
        var boundElsewhere = await access.CheckAsync(Request("council-elsewhere"), stack.Issuer.As("svc:records"));

        Assert.Equal(Outcome.Allow, unbound.Outcome);
        Assert.Equal(Outcome.Allow, boundHere.Outcome);
        Assert.Equal(Outcome.Deny, boundElsewhere.Outcome);
        Assert.Contains("ACC-1", boundElsewhere.RuleIds);
    }

    [Fact]
    public async Task Check_OwnAccess_BoundTokenNamingOtherCouncils_StillBoundByToken_ACC_1()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (subject, revision) = await Commune.MemberAsync(council.Id, group.Id);
        await using var bound = AccessTrustingAnIssuerBoundElsewhere();
        await bound.WaitReadyAsync();
        var request = new CheckRequest
        {
            Principal = subject, Action = AccessAction.ReadCase, View = View.Pseudonymous, MinRegistryRevision = revision, PrincipalCouncils = { council.Id },
            Resource = new CaseResource { CaseId = "case-" + NewId(), SubjectRef = "S-1", CouncilId = council.Id, GroupId = group.Id, BodyKind = BodyKind.ClspdGroup },
        };

        var own = await new AccessService.AccessServiceClient(bound.Channel).CheckAsync(request, stack.Issuer.As(subject));

        Assert.Equal(Outcome.Deny, own.Outcome);
        Assert.Contains("ACC-1", own.RuleIds);
    }

    [Fact]
    public async Task Check_PrincipalCouncilsEmptyId_InvalidArgumentNamingTheField()
    {
        var request = new CheckRequest
        {
            Principal = "someone", Action = AccessAction.ReadCase, View = View.Pseudonymous, PrincipalCouncils = { "" },
            Resource = new CaseResource { CaseId = "case-1", SubjectRef = "S-1", CouncilId = "c", GroupId = "g", BodyKind = BodyKind.ClspdGroup },
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => new AccessService.AccessServiceClient(stack.Access.Channel).CheckAsync(request, stack.Issuer.As("svc:records")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("principal_councils", ex.Status.Detail, StringComparison.Ordinal);
    }
}
