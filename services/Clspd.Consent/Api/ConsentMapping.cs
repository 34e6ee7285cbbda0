using Clspd.Consent.Domain;
using Clspd.Consent.Store;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults;

namespace Clspd.Consent.Api;

/// <summary>Rows to contract messages and to the facts the rules read.</summary>
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
        DeciderRole = (DeciderRole)row.DeciderRole,
        Revision = row.Revision,
    };

    public static Receipt ToReceipt(this DecisionRow row) => new()
    {
        Id = row.Id,
        RecordedAt = row.DecidedAt.ToTimestamp(),
        Purpose = (Purpose)row.Purpose,
        Decision = (Decision)row.Decision,
        ContentSha256 = row.ContentSha256,
        SubjectRef = row.SubjectRef,
        GroupId = row.GroupId,
        DecidedByRef = row.DecidedByRef,
        DeciderRole = (DeciderRole)row.DeciderRole,
        NoticeVersion = row.NoticeVersion,
        Evidence = row.Evidence,
        Revision = row.Revision,
    };

    /// <summary>CON-5: the hash of a decision row's canonical content.</summary>
    public static string ComputeHash(this DecisionRow row) => ConsentRules.ContentHash(row.Id, row.SubjectRef, (Purpose)row.Purpose, row.GroupId,
        (Decision)row.Decision, row.DecidedByRef, row.Evidence, row.NoticeVersion, row.DecidedAt);

    public static DecisionFact ToFact(this DecisionRow row) => new((Decision)row.Decision, row.DecidedByRef, row.DecidedAt, row.Revision);

    public static InformingFact ToFact(this InformingRow row) => new(row.PartyRef, row.InformedAt, row.NoticeVersion);

    public static SubjectFacts ToFacts(this SubjectRow row) => new(row.SubjectRef, row.MinorUntil, row.LegalRepresentatives, row.Groups);

    public static Subject ToProto(this SubjectRow row)
    {
        var subject = new Subject
        {
            SubjectRef = row.SubjectRef,
            UpdatedAt = row.UpdatedAt.ToTimestamp(),
            Revision = row.Revision,
            LegalRepresentativeRefs = { row.LegalRepresentatives },
            GroupIds = { row.Groups },
            CouncilId = row.CouncilId,
        };
        if (row.MinorUntil is { } until)
        {
            subject.MinorUntil = until.ToProtoDate();
        }

        return subject;
    }

    public static NoticeContent ToContent(this NoticeRow row) => new()
    {
        Title = row.Title,
        Controller = row.Controller,
        Purposes = row.Purposes,
        Recipients = row.Recipients,
        Retention = row.Retention,
        LegalBasis = row.LegalBasis,
        Rights = row.Rights,
        RightsContact = row.RightsContact,
        DpoContact = row.DpoContact,
        CnilComplaint = row.CnilComplaint,
        AdditionalInformation = row.AdditionalInformation,
    };

    public static Notice ToProto(this NoticeRow row)
    {
        var notice = new Notice
        {
            Id = row.Id,
            CouncilId = row.CouncilId,
            Status = (NoticeStatus)row.Status,
            Version = row.Version,
            Content = row.ToContent(),
            CreatedBy = row.CreatedBy,
            CreatedAt = row.CreatedAt.ToTimestamp(),
            UpdatedAt = row.UpdatedAt.ToTimestamp(),
            PublishedBy = row.PublishedBy ?? "",
        };
        if (row.PublishedAt is { } published)
        {
            notice.PublishedAt = published.ToTimestamp();
        }

        return notice;
    }

    /// <summary>A notice row holding a content (trimmed), for insert or draft update.</summary>
    public static NoticeRow ToRow(this NoticeContent content, string id, string councilId, string createdBy, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        CouncilId = councilId,
        Status = NoticeStore.Draft,
        Version = 0,
        Title = content.Title.Trim(),
        Controller = content.Controller.Trim(),
        Purposes = content.Purposes.Trim(),
        Recipients = content.Recipients.Trim(),
        Retention = content.Retention.Trim(),
        LegalBasis = content.LegalBasis.Trim(),
        Rights = content.Rights.Trim(),
        RightsContact = content.RightsContact.Trim(),
        DpoContact = content.DpoContact.Trim(),
        CnilComplaint = content.CnilComplaint.Trim(),
        AdditionalInformation = content.AdditionalInformation.Trim(),
        CreatedBy = createdBy,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };
}
