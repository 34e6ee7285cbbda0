using Clspd.Registry.Domain;
using Clspd.Rules;

namespace Clspd.Registry.Tests.Domain;

/// <summary>Who may do what in the registry, as pure functions of the caller's standing, table-driven.</summary>
public sealed class RegistryPermissionsTests
{
    private static readonly CallerStanding Nobody = new();
    private static readonly CallerStanding Service = new() { IsService = true };
    private static readonly CallerStanding Admin = new() { IsBootstrapAdmin = true };
    private static readonly CallerStanding Coordinator = new() { CoordinatesCouncil = true, CoordinatesAnyCouncil = true };
    private static readonly CallerStanding OtherCoordinator = new() { CoordinatesAnyCouncil = true };
    private static readonly CallerStanding Member = new() { DesignatedInGroup = true };
    private static readonly CallerStanding TheParticipant = new() { IsTheParticipant = true };

    private static CallerStanding Standing(string name) => name switch
    {
        "nobody" => Nobody,
        "service" => Service,
        "admin" => Admin,
        "coordinator" => Coordinator,
        "other-coordinator" => OtherCoordinator,
        "member" => Member,
        "participant" => TheParticipant,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such standing"),
    };

    [Theory]
    [InlineData("admin", true)]
    [InlineData("coordinator", false)]
    [InlineData("service", false)]
    [InlineData("nobody", false)]
    public void CreateCouncil_ByStanding_AdministratorsOnly_REG_1(string standing, bool allowed)
    {
        var violation = RegistryPermissions.CreateCouncil(Standing(standing));

        Assert.Equal(allowed ? null : new Violation("REG-1", "", "only a bootstrap administrator may create a council"), violation);
    }

    [Theory]
    [InlineData(RegistryAction.NameOfficer, "REG-1", "name the council's controller or coordinator")]
    [InlineData(RegistryAction.CreateBody, "REG-2", "create a body")]
    [InlineData(RegistryAction.CloseBody, "REG-2", "close a body")]
    [InlineData(RegistryAction.ScheduleMeeting, "REG-2", "schedule a meeting")]
    [InlineData(RegistryAction.PublishCharterVersion, "REG-3", "publish a charter version")]
    [InlineData(RegistryAction.SignCharter, "REG-3", "record an institution's signature of the charter")]
    [InlineData(RegistryAction.Designate, "REG-4", "record a designation")]
    [InlineData(RegistryAction.RevokeDesignation, "REG-5", "revoke a designation")]
    [InlineData(RegistryAction.RecordBreach, "REG-5", "record a confidentiality breach")]
    public void ManageCouncil_NeitherAdministratorNorCoordinator_DeniedNamingTheRule_REG_1_To_REG_5(RegistryAction action, string rule, string what)
    {
        foreach (var denied in new[] { Nobody, Service, OtherCoordinator, Member, TheParticipant })
        {
            var violation = RegistryPermissions.ManageCouncil(action, denied);
            Assert.Equal((rule, "", $"only a bootstrap administrator or the council's coordinator may {what}"),
                (violation?.RuleId, violation?.Subject, violation?.Sentence));
        }

        Assert.Null(RegistryPermissions.ManageCouncil(action, Admin));
        Assert.Null(RegistryPermissions.ManageCouncil(action, Coordinator));
    }

    [Theory]
    [InlineData(RegistryAction.RecordInstitution, "REG-3", "record an institution")]
    [InlineData(RegistryAction.RegisterParticipant, "REG-4", "register a participant")]
    public void ManageAnyCouncil_NoCouncilCoordinated_DeniedNamingTheRule_REG_3_REG_4(RegistryAction action, string rule, string what)
    {
        foreach (var denied in new[] { Nobody, Service, Member, TheParticipant })
        {
            var violation = RegistryPermissions.ManageAnyCouncil(action, denied);
            Assert.Equal((rule, "", $"only a bootstrap administrator or a council coordinator may {what}"),
                (violation?.RuleId, violation?.Subject, violation?.Sentence));
        }

        Assert.Null(RegistryPermissions.ManageAnyCouncil(action, Admin));
        Assert.Null(RegistryPermissions.ManageAnyCouncil(action, OtherCoordinator));
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("coordinator", true)]
    [InlineData("member", true)]
    [InlineData("other-coordinator", false)]
    [InlineData("participant", false)]
    [InlineData("nobody", false)]
    public void ReadGroup_ByStanding_MembersCoordinationAndAdministrators_REG_7(string standing, bool allowed)
    {
        var violation = RegistryPermissions.ReadGroup(Standing(standing));

        Assert.Equal(allowed ? null : "REG-7", violation?.RuleId);
        if (!allowed)
        {
            Assert.Equal("only the participants designated in this group, the council's coordinator and administrators see who sits in it", violation!.Sentence);
        }
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("coordinator", true)]
    [InlineData("participant", true)]
    [InlineData("member", false)]
    [InlineData("other-coordinator", false)]
    [InlineData("nobody", false)]
    public void ReadCharterStatus_ByStanding_ParticipantCoordinationAndAdministrators_REG_3(string standing, bool allowed) =>
        Assert.Equal(allowed ? null : "REG-3", RegistryPermissions.ReadCharterStatus(Standing(standing))?.RuleId);

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("coordinator", true)]
    [InlineData("participant", false)]
    [InlineData("member", false)]
    [InlineData("other-coordinator", false)]
    public void ReadOfficerHistory_ByStanding_CoordinationAndAdministrators_REG_1(string standing, bool allowed) =>
        Assert.Equal(allowed ? null : "REG-1", RegistryPermissions.ReadOfficerHistory(Standing(standing))?.RuleId);

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("coordinator", true)]
    [InlineData("member", false)]
    [InlineData("other-coordinator", false)]
    [InlineData("nobody", false)]
    public void ReadFigures_ByStanding_ServicesCoordinationAndAdministrators_REC_11(string standing, bool allowed) =>
        Assert.Equal(allowed ? null : "REC-11", RegistryPermissions.ReadFigures(Standing(standing))?.RuleId);

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("participant", true)]
    [InlineData("coordinator", false)]
    [InlineData("nobody", false)]
    public void ListSubjectDesignations_ByStanding_OwnOnly_REG_7(string standing, bool allowed)
    {
        Assert.Equal(allowed ? null : "REG-7", RegistryPermissions.ListSubjectDesignations(Standing(standing))?.RuleId);
        Assert.Equal(allowed, RegistryPermissions.SeesAllDesignations(Standing(standing)));
    }

    [Theory]
    [InlineData(new string[0], new[] { "c1" }, false)]
    [InlineData(new[] { "c1" }, null, false)]
    [InlineData(new[] { "c1" }, new string[0], false)]
    [InlineData(new[] { "c1" }, new[] { "c2" }, false)]
    [InlineData(new[] { "c1", "c2" }, new[] { "c3", "c2" }, true)]
    [InlineData(new[] { "c1" }, new[] { "c1" }, true)]
    public void ListParticipantDesignations_CoordinatorOfTheirCouncilsOnly_REG_7(string[] coordinated, string[]? participantCouncils, bool allowed)
    {
        var violation = RegistryPermissions.ListParticipantDesignations(coordinated, participantCouncils);

        Assert.Equal(allowed ? null : new Violation("REG-7", "", "only the participant, the coordinators of their councils and administrators list their designations"), violation);
    }
}
