using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// CON-4 / ACC-7: once a withdrawal or a revocation is acknowledged, no check that presents its
/// revision is ever allowed — interleaved by concurrent workers through the real stack.
/// </summary>
public sealed class FreshnessTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const int Workers = 4;
    private const int CyclesPerWorker = 250;

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static CheckRequest Named(string principal, string council, string group, string subjectRef, long minConsent, long minRegistry = 0) => new()
    {
        Principal = principal, Action = AccessAction.ReadCase, View = View.Named, MinConsentRevision = minConsent, MinRegistryRevision = minRegistry,
        Resource = new CaseResource { CaseId = "case-" + subjectRef, SubjectRef = subjectRef, CouncilId = council, GroupId = group, BodyKind = BodyKind.ClspdGroup },
    };

    [Fact]
    public async Task Check_AfterAcknowledgedWithdrawal_NeverAllowed_CON_4_ACC_7()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id);
        var (member, designated) = await commune.MemberAsync(council.Id, group.Id);
        var notice = await commune.NoticeAsync(council.Id);
        var access = new AccessService.AccessServiceClient(stack.Gateway);
        var records = stack.As("svc:records");

        var allowedAfterWithdrawal = 0;
        var allowedBefore = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < CyclesPerWorker; i++)
            {
                var subjectRef = "S-" + NewId();
                await commune.SubjectAsync(subjectRef, group.Id);
                var given = await commune.NamedDiscussionAsync(subjectRef, group.Id, notice);
                if ((await access.CheckAsync(Named(member, council.Id, group.Id, subjectRef, given, designated), records)).Outcome == Outcome.Allow)
                {
                    Interlocked.Increment(ref allowedBefore);
                }

                var withdrawn = await commune.WithdrawNamedDiscussionAsync(subjectRef, group.Id);
                var after = await access.CheckAsync(Named(member, council.Id, group.Id, subjectRef, withdrawn), records);
                if (after.Outcome == Outcome.Allow)
                {
                    Interlocked.Increment(ref allowedAfterWithdrawal);
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(Workers * CyclesPerWorker, allowedBefore);
        Assert.Equal(0, allowedAfterWithdrawal);
    }

    [Fact]
    public async Task Check_AfterAcknowledgedRevocation_NeverAllowed_REG_5_ACC_7()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id);
        var access = new AccessService.AccessServiceClient(stack.Gateway);
        var records = stack.As("svc:records");
        var allowedAfterRevocation = 0;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var participant = await commune.ParticipantAsync(council.Id);
            for (var i = 0; i < CyclesPerWorker / 2; i++)
            {
                var designated = await commune.DesignateAsync(participant, group.Id);
                var check = new CheckRequest
                {
                    Principal = participant.Subjects[0], Action = AccessAction.ReadCase, View = View.Pseudonymous, MinRegistryRevision = designated.Revision,
                    Resource = new CaseResource { CaseId = "c", SubjectRef = "S-x", CouncilId = council.Id, GroupId = group.Id, BodyKind = BodyKind.ClspdGroup },
                };
                Assert.Equal(Outcome.Allow, (await access.CheckAsync(check, records)).Outcome);

                var revoked = await commune.Registry.RevokeDesignationAsync(new RevokeDesignationRequest { RequestId = NewId(), DesignationId = designated.Designation.Id, Reason = "fin de mission" }, commune.Admin);
                check.MinRegistryRevision = revoked.Revision;
                if ((await access.CheckAsync(check, records)).Outcome == Outcome.Allow)
                {
                    Interlocked.Increment(ref allowedAfterRevocation);
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, allowedAfterRevocation);
    }
}
