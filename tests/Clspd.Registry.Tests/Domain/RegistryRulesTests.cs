using Clspd.Registry.Domain;
using Clspd.Registry.V1;

namespace Clspd.Registry.Tests.Domain;

/// <summary>The registry rules as pure functions, table-driven.</summary>
public sealed class RegistryRulesTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(GroupKind.Territorial, true)]
    [InlineData(GroupKind.Thematic, true)]
    [InlineData(GroupKind.Operational, true)]
    [InlineData(GroupKind.Cddf, true)]
    [InlineData(GroupKind.Plenary, false)]
    [InlineData(GroupKind.Restricted, false)]
    [InlineData(GroupKind.Unspecified, false)]
    public void MayHoldCases_ByKind_OnlyWorkingGroupsAndCddf_REG_2(GroupKind kind, bool expected) =>
        Assert.Equal(expected, RegistryRules.MayHoldCases(kind));

    [Theory]
    [InlineData(InstitutionKind.Police, true)]
    [InlineData(InstitutionKind.Gendarmerie, true)]
    [InlineData(InstitutionKind.MunicipalServiceNotInCharge, true)]
    [InlineData(InstitutionKind.MunicipalPolice, true)]
    [InlineData(InstitutionKind.SpecialisedPrevention, false)]
    [InlineData(InstitutionKind.DepartmentSocialServices, false)]
    public void DesignationWarning_ByInstitutionKind_WarnsOnlyNonNominative_REG_6(InstitutionKind kind, bool warns)
    {
        var warning = RegistryRules.DesignationWarning(kind);
        Assert.Equal(warns, warning is not null);
        Assert.Equal(warns, InstitutionKinds.NeverNominative(kind));
        if (warns)
        {
            Assert.StartsWith("REG-6:", warning, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Le maire", "Inès Robert", true)]
    [InlineData("Le maire", "", false)]
    [InlineData("", "Inès Robert", false)]
    [InlineData("  ", "Inès Robert", false)]
    [InlineData("", "", false)]
    public void IsReady_ControllerAndCoordinator_BothNeeded_REG_1(string controller, string coordinator, bool expected) =>
        Assert.Equal(expected, RegistryRules.IsReady(controller, coordinator));

    [Theory]
    [InlineData(Role.GroupMember, "", "", "", null)]
    [InlineData(Role.Coordinator, "", "", "", null)]
    [InlineData(Role.OccasionalAttendee, "m1", "", "", null)]
    [InlineData(Role.OccasionalAttendee, "", "", "", "meeting_id")]
    [InlineData(Role.PathReferent, "", "case-1", "", null)]
    [InlineData(Role.PathReferent, "", " ", "", "case_ref")]
    [InlineData(Role.MeasureImplementer, "", "", "mes-1", null)]
    [InlineData(Role.MeasureImplementer, "", "", "", "measure_ref")]
    [InlineData(Role.GroupMember, "m1", "", "", "meeting_id")]
    [InlineData(Role.GroupMember, "", "case-1", "", "case_ref")]
    [InlineData(Role.PathReferent, "", "case-1", "mes-1", "measure_ref")]
    public void RoleBindingError_ByRoleAndBinding_NamesTheField_REG_4(Role role, string meetingId, string caseRef, string measureRef, string? field) =>
        Assert.Equal(field, RegistryRules.RoleBindingError(role, meetingId, caseRef, measureRef)?.Field);

    public static TheoryData<DateTimeOffset, DateTimeOffset?, bool> Instants => new()
    {
        { From.AddTicks(-1), null, false },
        { From, null, true },
        { To.AddTicks(-1), null, true },
        { To, null, false },
        { From.AddDays(10), From.AddDays(10), false },
        { From.AddDays(10), From.AddDays(10).AddTicks(1), true },
        { From.AddDays(10), From.AddDays(5), false },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void IsValidAt_HalfOpenPeriodAndRevocationInstant_REG_5(DateTimeOffset at, DateTimeOffset? revokedAt, bool expected) =>
        Assert.Equal(expected, RegistryRules.IsValidAt(From, To, revokedAt, at));

    [Theory]
    [InlineData(null, true, true, "no charter version")]
    [InlineData("2026-1", false, false, "neither")]
    [InlineData("2026-1", false, true, "institution has not signed")]
    [InlineData("2026-1", true, false, "not personally accepted")]
    [InlineData("2026-1", true, true, null)]
    public void CharterShortfall_SignatureAndAcceptance_BothNeeded_REG_3(string? version, bool institutionSigned, bool accepted, string? expected)
    {
        var shortfall = RegistryRules.CharterShortfall(version, institutionSigned, accepted);
        if (expected is null)
        {
            Assert.Null(shortfall);
        }
        else
        {
            Assert.Contains(expected, shortfall, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(2026, 11, 28, false)]
    [InlineData(2026, 11, 29, true)]
    [InlineData(2026, 12, 1, true)]
    public void IsOrderAfterBreach_OrderDate_OnOrAfterBreachDay_REG_5(int year, int month, int day, bool expected)
    {
        var breachAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, RegistryRules.IsOrderAfterBreach(new DateOnly(year, month, day), breachAt));
        Assert.True(RegistryRules.IsOrderAfterBreach(new DateOnly(year, month, day), null));
    }

    public static TheoryData<DateTimeOffset, DateTimeOffset, DateTimeOffset?, bool> MeetingDays => new()
    {
        { From, To, null, true },
        { new(2026, 12, 10, 23, 59, 59, TimeSpan.Zero), To, null, true },
        { new(2026, 12, 11, 0, 0, 0, TimeSpan.Zero), To, null, false },
        { From, new(2026, 12, 10, 0, 0, 0, TimeSpan.Zero), null, false },
        { From, new(2026, 12, 10, 0, 0, 0, 1, TimeSpan.Zero), null, true },
        { From, To, new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero), false },
    };

    [Theory]
    [MemberData(nameof(MeetingDays))]
    public void CoversDay_ValidityAndMeetingDay_MeetWithinTheDay_REG_4(DateTimeOffset from, DateTimeOffset to, DateTimeOffset? revokedAt, bool expected) =>
        Assert.Equal(expected, RegistryRules.CoversDay(from, to, revokedAt, new DateOnly(2026, 12, 10)));

    [Theory]
    [InlineData(0, 10, 10, 20, false)]
    [InlineData(0, 11, 10, 20, true)]
    [InlineData(10, 20, 0, 10, false)]
    [InlineData(5, 6, 0, 10, true)]
    public void Overlap_HalfOpenPeriods_AdjacentDoNotOverlap_REG_4(int fromA, int toA, int fromB, int toB, bool expected) =>
        Assert.Equal(expected, RegistryRules.Overlap(From.AddDays(fromA), From.AddDays(toA), From.AddDays(fromB), From.AddDays(toB)));

    [Theory]
    [InlineData("94079", true)]
    [InlineData("2A004", true)]
    [InlineData("2B033", true)]
    [InlineData("2C004", false)]
    [InlineData("9407", false)]
    [InlineData("ABCDE", false)]
    public void IsInseeCode_Examples(string code, bool expected) => Assert.Equal(expected, RegistryRules.IsInseeCode(code));

    [Theory]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", true)]
    [InlineData("e3b0c442", false)]
    [InlineData("z3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    public void IsSha256Hex_Examples(string value, bool expected) => Assert.Equal(expected, RegistryRules.IsSha256Hex(value));
}
