using Clspd.Consent.Domain;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Consent.Tests.Domain;

/// <summary>Whether the registry's designations of a caller let them record and read for a person, table-driven.</summary>
public sealed class RecorderPolicyTests
{
    [Theory]
    [InlineData(Role.GroupMember, InstitutionKind.SpecialisedPrevention, GroupKind.Territorial, false, "g-1", true)]
    [InlineData(Role.GroupMember, InstitutionKind.SpecialisedPrevention, GroupKind.Territorial, false, "g-2", false)]
    [InlineData(Role.GroupMember, InstitutionKind.SpecialisedPrevention, GroupKind.Territorial, true, "g-1", false)]
    [InlineData(Role.GroupMember, InstitutionKind.Police, GroupKind.Territorial, false, "g-1", false)]
    [InlineData(Role.GroupMember, InstitutionKind.SpecialisedPrevention, GroupKind.Plenary, false, "g-1", false)]
    [InlineData(Role.OccasionalAttendee, InstitutionKind.SpecialisedPrevention, GroupKind.Territorial, false, "g-1", false)]
    [InlineData(Role.Coordinator, InstitutionKind.DepartmentSocialServices, GroupKind.Cddf, false, "g-1", true)]
    public void IsDesignatedForSubject_RegistryDesignations_ActingRoleInPersonsGroup_REG_2_ACC_2(
        Role role, InstitutionKind institution, GroupKind group, bool revoked, string groupId, bool expected)
    {
        var designation = new Designation
        {
            Role = role, InstitutionKind = institution, GroupKind = group, GroupId = groupId,
            RevokedAt = revoked ? Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)) : null,
        };

        Assert.Equal(expected, RecorderPolicy.IsDesignatedForSubject([designation], ["g-1"], null));
    }

    [Fact]
    public void IsDesignatedForSubject_GroupNamedInRequest_Counts_CON_3() =>
        Assert.True(RecorderPolicy.IsDesignatedForSubject(
            [new Designation { Role = Role.GroupMember, InstitutionKind = InstitutionKind.SpecialisedPrevention, GroupKind = GroupKind.Thematic, GroupId = "g-9" }], [], "g-9"));
}
