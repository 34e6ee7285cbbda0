using Clspd.Access.Facts;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Access.Tests.Facts;

/// <summary>The local registry view keeps what binds an occasional attendee and a measure implementer (REG-4, ACC-1).</summary>
public sealed class RegistryViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static Designation Bound(string id, Role role, string meetingId = "", Google.Type.Date? meetingDate = null, string measureRef = "") => new()
    {
        Id = id, ParticipantId = "p-1", GroupId = "g-1", CouncilId = "k-1", Role = role, InstitutionKind = InstitutionKind.NationalEducation,
        ValidFrom = Timestamp.FromDateTimeOffset(Now.AddDays(-1)), ValidTo = Timestamp.FromDateTimeOffset(Now.AddDays(2)),
        MeetingId = meetingId, MeetingDate = meetingDate, MeasureRef = measureRef, GroupKind = GroupKind.Operational,
    };

    [Fact]
    public void Lookup_AttendeeAndImplementer_CarryMeetingDayAndMeasure_ACC_1()
    {
        var view = new RegistryView(new FakeTimeProvider(Now));
        view.Apply(new WatchResponse { Revision = 1, Participant = new Participant { Id = "p-1", Subjects = { "user-1" } } });
        view.Apply(new WatchResponse { Revision = 2, Designation = Bound("d-1", Role.OccasionalAttendee, "meeting-1", new Google.Type.Date { Year = 2026, Month = 12, Day = 3 }) });
        view.Apply(new WatchResponse { Revision = 3, Designation = Bound("d-2", Role.MeasureImplementer, measureRef: "M-7") });

        var (known, designations) = view.Lookup("user-1");

        Assert.True(known);
        var attendee = Assert.Single(designations, d => d.Role == Role.OccasionalAttendee);
        Assert.Equal(("meeting-1", new DateOnly(2026, 12, 3)), (attendee.MeetingId, attendee.MeetingDate));
        var implementer = Assert.Single(designations, d => d.Role == Role.MeasureImplementer);
        Assert.Equal(("M-7", (DateOnly?)null), (implementer.MeasureRef, implementer.MeetingDate));
    }

    [Fact]
    public void Lookup_Again_TheSameFactsUntilTheViewChanges_REG_3()
    {
        var view = new RegistryView(new FakeTimeProvider(Now));
        view.Apply(new WatchResponse { Revision = 1, Participant = new Participant { Id = "p-1", Subjects = { "user-1" } } });
        var designation = Bound("d-1", Role.GroupMember);
        designation.InstitutionId = "inst-1";
        view.Apply(new WatchResponse { Revision = 2, Designation = designation });
        view.Apply(new WatchResponse { Revision = 3, CharterVersion = new CharterVersion { CouncilId = "k-1", Version = "2026-1" } });
        view.Apply(new WatchResponse { Revision = 4, CharterSignature = new CharterSignature { CouncilId = "k-1", Version = "2026-1", InstitutionId = "inst-1" } });
        var before = view.Lookup("user-1").Designations;

        var again = view.Lookup("user-1").Designations;
        // The participant accepts the charter: the designation now satisfies REG-3.
        view.Apply(new WatchResponse { Revision = 5, CharterAcceptance = new CharterAcceptance { CouncilId = "k-1", Version = "2026-1", ParticipantId = "p-1" } });
        var after = view.Lookup("user-1").Designations;

        Assert.Same(before, again);
        Assert.False(Assert.Single(before).CharterOk);
        Assert.True(Assert.Single(after).CharterOk);
    }

    [Fact]
    public void Lookup_SubjectNotAParticipant_UnknownAndNothingKept()
    {
        var view = new RegistryView(new FakeTimeProvider(Now));

        var (known, designations) = view.Lookup("stranger");
        view.Apply(new WatchResponse { Revision = 1, Participant = new Participant { Id = "p-9", Subjects = { "stranger" } } });

        Assert.False(known);
        Assert.Empty(designations);
        Assert.True(view.Lookup("stranger").Known);
    }
}
