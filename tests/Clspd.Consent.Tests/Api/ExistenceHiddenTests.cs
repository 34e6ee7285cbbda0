using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>
/// ACC-1, nothing leaks: a caller who may not read or record a subject's consent gets, from every RPC
/// that takes a subject reference or a receipt id, the same answer whether it exists or not —
/// status, message and details.
/// </summary>
public sealed class ExistenceHiddenTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    private sealed record Target(string SubjectRef, string ReceiptId, string Notice);

    private static readonly Dictionary<string, Func<ConsentHost, Target, CallOptions, Task>> Calls = new()
    {
        ["GetSubject"] = (h, t, o) => h.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = t.SubjectRef }, o).ResponseAsync,
        ["EraseSubject"] = (h, t, o) => h.Subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = t.SubjectRef }, o).ResponseAsync,
        ["ListHistory"] = (h, t, o) => h.Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = t.SubjectRef }, o).ResponseAsync,
        ["GetConsentState"] = (h, t, o) => h.Consent.GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = t.SubjectRef, Purpose = Purpose.DataProcessing }, o).ResponseAsync,
        ["GetConsentState naming the caller's group"] = (h, t, o) => h.Consent.GetConsentStateAsync(new GetConsentStateRequest
        {
            SubjectRef = t.SubjectRef, Purpose = Purpose.NamedDiscussion, GroupId = "g-elsewhere",
        }, o).ResponseAsync,
        ["RecordDecision naming the caller's group"] = (h, t, o) => h.Consent.RecordDecisionAsync(
            DecisionRequest(t.SubjectRef, t.Notice, Decision.Given, purpose: Purpose.NamedDiscussion, group: "g-elsewhere"), o).ResponseAsync,
        ["RecordInforming"] = (h, t, o) => h.Consent.RecordInformingAsync(new RecordInformingRequest
        {
            RequestId = NewId(), SubjectRef = t.SubjectRef, PartyRef = "someone-else", Channel = Channel.InPerson, NoticeVersion = t.Notice,
        }, o).ResponseAsync,
        ["RecordDecision"] = (h, t, o) => h.Consent.RecordDecisionAsync(DecisionRequest(t.SubjectRef, t.Notice, Decision.Given), o).ResponseAsync,
        ["WithdrawConsent"] = (h, t, o) => h.Consent.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = t.SubjectRef, Purpose = Purpose.DataProcessing, Evidence = "Témoin : M. Garcia",
        }, o).ResponseAsync,
        ["GetReceipt"] = (h, t, o) => h.Consent.GetReceiptAsync(new GetReceiptRequest { ReceiptId = t.ReceiptId }, o).ResponseAsync,
        ["VerifyReceipt"] = (h, t, o) => h.Consent.VerifyReceiptAsync(new VerifyReceiptRequest { ReceiptId = t.ReceiptId, ContentSha256 = "00" }, o).ResponseAsync,
    };

    public static TheoryData<string, string> Cases() =>
        new([.. Calls.Keys.SelectMany(rpc => new[] { (rpc, "educ-elsewhere"), (rpc, "mallory") })]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SubjectOrReceiptRpc_CallerKeptFromIt_SameAnswerForExistingAndMadeUpId_ACC_1(string rpc, string caller)
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-hidden"]);
        await InformAsync(subject, notice);
        var receipt = (await DecideAsync(subject, notice, Decision.Given)).Receipt.Id;
        HostFixture.Registry.Designations["educ-elsewhere"] =
        [
            new Designation
            {
                Id = NewId(), GroupId = "g-elsewhere", CouncilId = "c-1", Role = Role.GroupMember, InstitutionKind = InstitutionKind.SpecialisedPrevention,
                GroupKind = GroupKind.Operational, ValidFrom = Timestamp.FromDateTimeOffset(Now.AddDays(-30)), ValidTo = Timestamp.FromDateTimeOffset(Now.AddDays(300)),
            },
        ];

        var forExisting = await GrpcAnswer.OfAsync(() => Calls[rpc](HostFixture, new Target(subject, receipt, notice), As(caller)));
        var forMadeUp = await GrpcAnswer.OfAsync(() => Calls[rpc](HostFixture, new Target("p-" + NewId()[..12], Guid.CreateVersion7().ToString(), notice), As(caller)));

        Assert.Equal(StatusCode.PermissionDenied, forExisting.Code);
        Assert.DoesNotContain(subject, forExisting.Detail, StringComparison.Ordinal);
        Assert.Equal(forExisting, forMadeUp);
    }
}
