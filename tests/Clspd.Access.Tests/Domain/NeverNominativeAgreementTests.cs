extern alias consent;
extern alias registry;
using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.Registry.V1;
using RecorderPolicy = consent::Clspd.Consent.Domain.RecorderPolicy;
using RegistryRules = registry::Clspd.Registry.Domain.RegistryRules;

namespace Clspd.Access.Tests.Domain;

/// <summary>
/// "Never receives nominative data" means the same for every service, institution kind by kind:
/// the registry warns when designating (REG-6), access denies the named view (ACC-2), consent does
/// not count the participant among those who record and read consent.
/// </summary>
public sealed class NeverNominativeAgreementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<InstitutionKind> Kinds() => new(Enum.GetValues<InstitutionKind>().Where(k => k != InstitutionKind.Unspecified));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NeverNominative_EachInstitutionKind_RegistryAccessAndConsentAgree_ACC_2_REG_6(InstitutionKind kind)
    {
        var expected = kind is InstitutionKind.Police or InstitutionKind.Gendarmerie or InstitutionKind.MunicipalPolice or InstitutionKind.MunicipalServiceNotInCharge;
        var member = new DesignationFact(Role.GroupMember, "council-1", "group-1", kind, "", Now.AddDays(-1), Now.AddDays(300), null, GroupKind: GroupKind.Operational);
        var named = AccessPolicy.Decide(new AccessFacts("alice", true, [member], AccessAction.ReadCase, View.Named, "case-1", "council-1", "group-1", true, true, Now));

        Assert.Equal(expected, InstitutionKinds.NeverNominative(kind));
        Assert.Equal(expected, RegistryRules.DesignationWarning(kind) is not null);
        Assert.Equal(expected ? "ACC-2" : "ACC-1", named.RuleIds[0]);
        Assert.Equal(expected ? Outcome.Deny : Outcome.Allow, named.Outcome);
        Assert.Equal(!expected, RecorderPolicy.MayRecordAs(Role.GroupMember, kind, GroupKind.Operational));
    }
}
