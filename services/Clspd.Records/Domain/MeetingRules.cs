using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-9: a meeting's agenda changes until its day, decisions come on or after it, and a closed meeting keeps only decisions.</summary>
public static class MeetingRules
{
    /// <summary>REC-9: a closed meeting's agenda and sheets are gone.</summary>
    public static Violation? Open(bool closed) =>
        closed ? new Violation("REC-9", "meeting_id", "the meeting is closed: its agenda and sheets were purged, only the decisions stay") : null;

    /// <summary>REC-9: the agenda changes up to the meeting day.</summary>
    public static Violation? AgendaChanges(DateOnly meetingDay, DateOnly today) =>
        today > meetingDay ? new Violation("REC-9", "meeting_id", "the meeting is over: its agenda no longer changes") : null;

    /// <summary>REC-9: a case goes on the agenda of its own group's meetings only.</summary>
    public static Violation? SameGroup(string caseGroupId, string meetingGroupId) =>
        caseGroupId == meetingGroupId ? null : new Violation("REC-9", "case_id", "a case goes only on the agenda of its own group's meetings");

    /// <summary>REC-9: decisions are recorded on or after the meeting day.</summary>
    public static Violation? DecisionDay(DateOnly meetingDay, DateOnly today) =>
        today < meetingDay ? new Violation("REC-9", "meeting_id", "decisions are recorded on or after the meeting day") : null;

    /// <summary>REC-9: a decision is recorded only for a case on the agenda.</summary>
    public static Violation? OnAgenda(bool onAgenda) => onAgenda ? null : new Violation("REC-9", "case_id", "the case was not on the meeting's agenda");

    /// <summary>REC-9: a meeting is closed on or after its day.</summary>
    public static Violation? ClosingDay(DateOnly meetingDay, DateOnly today) =>
        today < meetingDay ? new Violation("REC-9", "meeting_id", "a meeting is closed on or after its day") : null;
}
