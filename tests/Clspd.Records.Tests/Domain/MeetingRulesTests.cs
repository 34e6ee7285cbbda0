using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 29);

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "the meeting is closed: its agenda and sheets were purged, only the decisions stay")]
    public void Open_ClosedMeeting_Violation_REC_9(bool closed, string? sentence) => Assert.Equal(sentence, MeetingRules.Open(closed)?.Sentence);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void AgendaChanges_AfterTheMeetingDay_Violation_REC_9(int daysAfter, bool refused) =>
        Assert.Equal(refused ? "the meeting is over: its agenda no longer changes" : null, MeetingRules.AgendaChanges(Day, Day.AddDays(daysAfter))?.Sentence);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void DecisionDay_BeforeTheMeetingDay_Violation_REC_9(int daysAfter, bool refused) =>
        Assert.Equal(refused ? "decisions are recorded on or after the meeting day" : null, MeetingRules.DecisionDay(Day, Day.AddDays(daysAfter))?.Sentence);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void ClosingDay_BeforeTheMeetingDay_Violation_REC_9(int daysAfter, bool refused) =>
        Assert.Equal(refused ? "a meeting is closed on or after its day" : null, MeetingRules.ClosingDay(Day, Day.AddDays(daysAfter))?.Sentence);

    [Theory]
    [InlineData("group-1", null)]
    [InlineData("group-2", "case_id")]
    public void SameGroup_CaseOfAnotherGroup_ViolationOnCase_REC_9(string meetingGroup, string? subject) =>
        Assert.Equal(subject, MeetingRules.SameGroup("group-1", meetingGroup)?.Subject);

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "the case was not on the meeting's agenda")]
    public void OnAgenda_CaseNotOnAgenda_Violation_REC_9(bool onAgenda, string? sentence) => Assert.Equal(sentence, MeetingRules.OnAgenda(onAgenda)?.Sentence);
}
