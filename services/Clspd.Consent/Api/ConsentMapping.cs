using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;

namespace Clspd.Consent.Api;

/// <summary>Rows to contract messages.</summary>
internal static class ConsentMapping
{
    public static Informing ToProto(this InformingRow row) => new()
    {
        Id = row.Id,
        SubjectRef = row.SubjectRef,
        PartyRef = row.PartyRef,
        InformedAt = row.InformedAt.ToTimestamp(),
        InformedBy = row.InformedBy,
        Channel = (Channel)row.Channel,
        NoticeVersion = row.NoticeVersion,
    };

    public static ConsentDecision ToProto(this DecisionRow row) => new()
    {
        Id = row.Id,
        SubjectRef = row.SubjectRef,
        Purpose = (Purpose)row.Purpose,
        GroupId = row.GroupId,
        Decision = (Decision)row.Decision,
        DecidedByRef = row.DecidedByRef,
        Evidence = row.Evidence,
        NoticeVersion = row.NoticeVersion,
        DecidedAt = row.DecidedAt.ToTimestamp(),
        RecordedBy = row.RecordedBy,
    };

    public static Receipt ToReceipt(this DecisionRow row) => new()
    {
        Id = row.Id,
        RecordedAt = row.DecidedAt.ToTimestamp(),
        Purpose = (Purpose)row.Purpose,
        Decision = (Decision)row.Decision,
        ContentSha256 = row.ContentSha256,
    };
}
