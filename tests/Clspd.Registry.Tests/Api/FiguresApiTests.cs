using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>REC-11: a council's composition by institution kind and the figures of its charter's application, counts only.</summary>
[Collection(SharedRegistry.Name)]
public sealed class FiguresApiTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private GetCouncilFiguresRequest Around(string councilId) => new()
    {
        CouncilId = councilId, From = Scenario.Ts(registry.Host.Clock.GetUtcNow().AddDays(-1)), To = Scenario.Ts(registry.Host.Clock.GetUtcNow().AddDays(1)),
    };

    [Fact]
    public async Task GetCouncilFigures_DesignationsAndCharter_CountedPerGroupAndInstitutionKind_REC_11()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, group.Id);
        var first = await _s.ReadyParticipantAsync(council.Id);
        var second = await _s.ReadyParticipantAsync(council.Id);
        var police = await _s.ReadyParticipantAsync(council.Id, InstitutionKind.Police);
        await _s.DesignateAsync(first.Id, group.Id);
        var revoked = await _s.DesignateAsync(second.Id, group.Id);
        await _s.DesignateAsync(police.Id, group.Id);
        await _s.Registry.RevokeDesignationAsync(new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = revoked.Designation.Id, Reason = "mutation" }, _s.Admin);

        var figures = await _s.Registry.GetCouncilFiguresAsync(Around(council.Id), _s.As(coordinator));

        Assert.Equal(
            [(InstitutionKind.SpecialisedPrevention, 2), (InstitutionKind.MunicipalPreventionService, 1), (InstitutionKind.Police, 1)],
            figures.Composition.Select(c => (c.InstitutionKind, c.Participants)));
        Assert.All(figures.Composition, c => Assert.Equal((group.Id, group.Name, GroupKind.Territorial), (c.GroupId, c.GroupName, c.GroupKind)));
        Assert.Equal((1, 4, 4, 4, 1, 0), (figures.CharterVersionsPublished, figures.InstitutionsSigned, figures.ParticipantsAccepted,
            figures.DesignationsMade, figures.DesignationsRevoked, figures.ConfidentialityBreaches));
        Assert.DoesNotContain("Camille", figures.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCouncilFigures_PeriodBeforeEverything_NothingCounted_REC_11()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        await _s.DesignateAsync((await _s.ReadyParticipantAsync(council.Id)).Id, group.Id);
        var request = new GetCouncilFiguresRequest { CouncilId = council.Id, From = Scenario.Ts(Scenario.From.AddYears(-2)), To = Scenario.Ts(Scenario.From.AddYears(-1)) };

        var figures = await _s.Registry.GetCouncilFiguresAsync(request, _s.Admin);

        Assert.Empty(figures.Composition);
        Assert.Equal((0, 0, 0), (figures.CharterVersionsPublished, figures.InstitutionsSigned, figures.DesignationsMade));
    }

    [Fact]
    public async Task GetCouncilFigures_GroupMember_PermissionDenied_REC_11()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(member.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.GetCouncilFiguresAsync(Around(council.Id), _s.As(member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-11", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCouncilFigures_UnknownCouncil_NotFound_REC_11()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.GetCouncilFiguresAsync(Around("no-such-council"), _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }
}
