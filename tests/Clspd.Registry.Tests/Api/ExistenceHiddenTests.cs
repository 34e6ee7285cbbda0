using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>
/// ACC-1, nothing leaks: a caller who may not revoke a designation or list a participant's
/// designations gets the same answer — status, message and details — whether the id exists or not.
/// </summary>
[Collection(SharedRegistry.Name)]
public sealed class ExistenceHiddenTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private static readonly Dictionary<string, Func<Scenario, (string DesignationId, string ParticipantId), CallOptions, Task>> Calls = new()
    {
        ["RevokeDesignation"] = (s, t, o) => s.Registry.RevokeDesignationAsync(new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = t.DesignationId, Reason = "fin" }, o).ResponseAsync,
        ["ListParticipantDesignations"] = (s, t, o) => s.Registry.ListParticipantDesignationsAsync(new ListParticipantDesignationsRequest { ParticipantId = t.ParticipantId, IncludeHistory = true }, o).ResponseAsync,
    };

    public static TheoryData<string, string> Cases() =>
        new([.. Calls.Keys.SelectMany(rpc => new[] { (rpc, "coordinator of another council"), (rpc, "member of the council"), (rpc, "unregistered") })]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DesignationRpc_CallerKeptFromIt_SameAnswerForExistingAndMadeUpId_ACC_1(string rpc, string caller)
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designation = (await _s.DesignateAsync(participant.Id, group.Id)).Designation.Id;
        var outsider = caller switch
        {
            "coordinator of another council" => await CoordinatorElsewhereAsync(),
            "member of the council" => await MemberAsync(council.Id, group.Id),
            _ => "stranger-" + Scenario.NewId(),
        };

        var forExisting = await GrpcAnswer.OfAsync(() => Calls[rpc](_s, (designation, participant.Id), _s.As(outsider)));
        var forMadeUp = await GrpcAnswer.OfAsync(() => Calls[rpc](_s, (Scenario.NewId(), Scenario.NewId()), _s.As(outsider)));

        Assert.Equal(StatusCode.PermissionDenied, forExisting.Code);
        Assert.DoesNotContain(designation, forExisting.Detail, StringComparison.Ordinal);
        Assert.Equal(forExisting, forMadeUp);
    }

    private async Task<string> CoordinatorElsewhereAsync()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        return (await _s.CoordinatorAsync(council.Id, group.Id)).Subjects[0];
    }

    private async Task<string> MemberAsync(string councilId, string groupId)
    {
        var member = await _s.ReadyParticipantAsync(councilId, fullName: "Alex Membre");
        await _s.DesignateAsync(member.Id, groupId);
        return member.Subjects[0];
    }
}
