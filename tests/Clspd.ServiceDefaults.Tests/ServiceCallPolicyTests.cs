using Clspd.ServiceDefaults.Auth;

namespace Clspd.ServiceDefaults.Tests;

public sealed class ServiceCallPolicyTests
{
    public static TheoryData<string> WritesOnAPersonsBehalf() =>
    [
        "/clspd.consent.v1.ConsentService/RecordInforming",
        "/clspd.consent.v1.ConsentService/RecordDecision",
        "/clspd.consent.v1.ConsentService/WithdrawConsent",
        "/clspd.registry.v1.RegistryService/Designate",
        "/clspd.registry.v1.RegistryService/RevokeDesignation",
        "/clspd.records.v1.RecordsService/OpenCase",
        "/clspd.records.v1.RecordsService/CreatePerson",
        "/clspd.records.v1.LifecycleService/CloseCase",
        "/clspd.records.v1.BodyService/MoveCase",
        "/clspd.records.v1.MeetingService/RecordMeetingDecision",
    ];

    [Theory]
    [MemberData(nameof(WritesOnAPersonsBehalf))]
    public void Allows_WriteOnAPersonsBehalf_NoServiceAtAll_GW_1(string method)
    {
        foreach (var service in new[] { "registry", "consent", "records", "access", "gateway" })
        {
            Assert.False(ServiceCallPolicy.Allows(service, method), $"{service} may call {method}");
        }
    }

    [Theory]
    [InlineData("records", "/clspd.consent.v1.SubjectService/PutSubject", true)]
    [InlineData("access", "/clspd.consent.v1.SubjectService/PutSubject", false)]
    [InlineData("records", "/clspd.consent.v1.SubjectService/EraseSubject", true)]
    [InlineData("access", "/clspd.consent.v1.SubjectService/EraseSubject", false)]
    [InlineData("registry", "/clspd.consent.v1.SubjectService/EraseSubject", false)]
    [InlineData("access", "/clspd.consent.v1.ConsentService/Watch", true)]
    [InlineData("records", "/clspd.consent.v1.ConsentService/Watch", false)]
    [InlineData("access", "/clspd.registry.v1.RegistryService/Watch", true)]
    [InlineData("consent", "/clspd.registry.v1.RegistryService/Watch", false)]
    [InlineData("records", "/clspd.access.v1.AccessService/Check", true)]
    [InlineData("registry", "/clspd.access.v1.AccessService/Check", false)]
    [InlineData("consent", "/clspd.registry.v1.RegistryService/ListSubjectDesignations", true)]
    [InlineData("access", "/grpc.health.v1.Health/Check", true)]
    [InlineData("access", "/clspd.consent.v1.ConsentService/NoSuchMethod", false)]
    public void Allows_NamedPeerOnly_GW_1(string service, string method, bool allowed) =>
        Assert.Equal(allowed, ServiceCallPolicy.Allows(service, method));

    [Fact]
    public void InternalOnly_TheTwoChangeFeedsForAccessAndTheErasureForRecords()
    {
        Assert.Equal(
            ["/clspd.consent.v1.ConsentService/Watch", "/clspd.consent.v1.SubjectService/EraseSubject", "/clspd.registry.v1.RegistryService/Watch"],
            ServiceCallPolicy.InternalOnly.Order(StringComparer.Ordinal));
        Assert.Equal(["access"], ServiceCallPolicy.Grants["/clspd.consent.v1.ConsentService/Watch"]);
        Assert.Equal(["access"], ServiceCallPolicy.Grants["/clspd.registry.v1.RegistryService/Watch"]);
        Assert.Equal(["records"], ServiceCallPolicy.Grants["/clspd.consent.v1.SubjectService/EraseSubject"]);
    }
}
