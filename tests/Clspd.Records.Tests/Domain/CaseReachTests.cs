using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.V1;
using Clspd.Registry.V1;

namespace Clspd.Records.Tests.Domain;

public sealed class CaseReachTests
{
    private static readonly Designation[] Held =
    [
        new() { Role = Role.GroupMember, CouncilId = "c-1", GroupId = "g-1" },
        new() { Role = Role.PathReferent, CouncilId = "c-1", GroupId = "g-1", CaseRef = "case-1" },
        new() { Role = Role.Coordinator, CouncilId = "c-2" },
        new() { Role = Role.OccasionalAttendee, CouncilId = "c-1", MeetingId = "m-1" },
        new() { Role = Role.MeasureImplementer, CouncilId = "c-1", MeasureRef = "jm-1" },
    ];

    [Fact]
    public void Of_EachRoleReachesItsOwnKindOfCandidate_ACC_1()
    {
        var reach = CaseReach.Of(Held, "p-1", []);

        Assert.Equal(["c-2"], reach.Councils);
        Assert.Equal(["g-1"], reach.Groups);
        Assert.Equal(["case-1"], reach.CaseRefs);
        Assert.Equal(["m-1"], reach.Meetings);
        Assert.Equal(["jm-1"], reach.Measures);
        Assert.Equal("p-1", reach.ParticipantId);
        Assert.False(reach.IsEmpty);
    }

    [Fact]
    public void Of_IssuerBoundToACouncil_DesignationsElsewhereReachNothing_ACC_1()
    {
        var reach = CaseReach.Of(Held, "", ["c-1"]);

        Assert.Empty(reach.Councils);
        Assert.Equal(["g-1"], reach.Groups);
        Assert.True(CaseReach.Of(Held, "", ["c-9"]).IsEmpty);
    }

    [Fact]
    public void RelationsTo_PathReferentFirst_ThenEveryOtherRelation_ACC_1()
    {
        var reach = CaseReach.Of(Held, "p-1", []);

        Assert.Equal([CaseRelation.PathReferent, CaseRelation.GroupMember, CaseRelation.OccasionalAttendee],
            reach.RelationsTo("case-1", "c-1", "g-1", ["m-1"], [], namedReferent: false));
        Assert.Equal([CaseRelation.PathReferent, CaseRelation.Coordinator], reach.RelationsTo("case-9", "c-2", "g-5", [], [], namedReferent: true));
        Assert.Equal([CaseRelation.MeasureImplementer], reach.RelationsTo("case-8", "c-1", "g-7", [], ["jm-1"], namedReferent: false));
    }

    [Fact]
    public void ViewFor_ImplementerOnly_MeasureView_OtherwisePseudonymous_NeverNamed_ACC_1_REC_6()
    {
        Assert.Equal(View.MeasureOnly, CaseReach.ViewFor([CaseRelation.MeasureImplementer]));
        Assert.Equal(View.Pseudonymous, CaseReach.ViewFor([CaseRelation.GroupMember, CaseRelation.MeasureImplementer]));
        Assert.Equal(View.Pseudonymous, CaseReach.ViewFor([CaseRelation.PathReferent]));
    }

    [Fact]
    public void Listing_AllowShown_DenyWithARelationRefused_NoNeedToKnowLeftOut_ACC_1_ACC_5()
    {
        Assert.Equal(MyCaseListing.Shown, CaseReach.Listing(new CheckResponse { Outcome = Outcome.Allow }, namedReferent: false));
        Assert.Equal(MyCaseListing.Refused, CaseReach.Listing(new CheckResponse { Outcome = Outcome.Deny, RuleIds = { "ACC-2" } }, namedReferent: false));
        Assert.Equal(MyCaseListing.LeftOut, CaseReach.Listing(new CheckResponse { Outcome = Outcome.Deny, NoNeedToKnow = true }, namedReferent: false));
        Assert.Equal(MyCaseListing.Refused, CaseReach.Listing(new CheckResponse { Outcome = Outcome.Deny, NoNeedToKnow = true }, namedReferent: true));
    }
}
