using Clspd.Cli.Output;
using Clspd.Consent.V1;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>Renderings shared by several command groups.</summary>
public static class Views
{
    public static Table Designations(IEnumerable<Designation> designations)
    {
        var table = new Table("Designation", "Role", "Group", "Body", "Valid from", "Valid to", "Order", "Bound to", "State", "Charter");
        foreach (var d in designations)
        {
            table.Add(d.Id, Fmt.Plain(d.Role), d.GroupId, Fmt.Plain(d.GroupKind), Fmt.When(d.ValidFrom), Fmt.When(d.ValidTo),
                d.Order is null ? "" : $"{d.Order.Number} of {Fmt.Day(d.Order.Date)}",
                Bound(d), State(d), (d.CharterOk ? "signed and accepted" : "missing") + (d.NonNominative ? "; never named data (REG-6)" : ""));
        }

        return table;
    }

    public static Table GroupParticipants(IEnumerable<GroupParticipant> participants)
    {
        var table = new Table("Name", "Function", "Institution", "Kind", "Role", "Valid from", "Valid to", "Named data");
        foreach (var p in participants)
        {
            table.Add(p.FullName, p.Function, p.InstitutionName, Fmt.Plain(p.InstitutionKind), Fmt.Plain(p.Role),
                Fmt.When(p.ValidFrom), Fmt.When(p.ValidTo), p.NonNominative ? "never (REG-6)" : "with consent");
        }

        return table;
    }

    public static void Council(TextWriter writer, Council council) => Table.Fields(writer,
        ("Council", council.Id),
        ("Name", council.Name),
        ("Kind", Fmt.Plain(council.Kind)),
        ("Communes (INSEE)", string.Join(", ", council.CommuneInseeCodes)),
        ("Controller (mayor)", council.ControllerName.Length == 0 ? "(not named)" : council.ControllerName),
        ("Coordinator", council.CoordinatorName.Length == 0 ? "(not named)" : council.CoordinatorName),
        ("Ready for named data", Fmt.YesNo(council.ReadyForNominativeProcessing) + (council.ReadyForNominativeProcessing ? "" : " (REG-1: name the controller and the coordinator)")),
        ("Recorded", Fmt.When(council.CreatedAt)));

    public static void Group(TextWriter writer, Group group) => Table.Fields(writer,
        ("Group", group.Id),
        ("Council", group.CouncilId),
        ("Name", group.Name),
        ("Kind", Fmt.Plain(group.Kind)),
        ("Holds cases", Fmt.YesNo(group.MayHoldCases)),
        ("Closed", group.ClosedAt is null ? "no" : Fmt.When(group.ClosedAt)));

    public static void Receipt(TextWriter writer, Receipt receipt, long revision) => Table.Fields(writer,
        ("Receipt", receipt.Id),
        ("Recorded", Fmt.When(receipt.RecordedAt)),
        ("Person", receipt.SubjectRef),
        ("Purpose", Fmt.Plain(receipt.Purpose)),
        ("Group", receipt.GroupId),
        ("Decision", Fmt.Plain(receipt.Decision)),
        ("Decided by", $"{receipt.DecidedByRef} ({Fmt.Plain(receipt.DeciderRole)})"),
        ("Notice", receipt.NoticeVersion),
        ("Evidence", receipt.Evidence),
        ("SHA-256", receipt.ContentSha256),
        ("Revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Bound(Designation d) =>
        d.MeetingId.Length > 0 ? $"meeting {d.MeetingId} ({Fmt.Day(d.MeetingDate)})"
        : d.CaseRef.Length > 0 ? $"case {d.CaseRef}"
        : d.MeasureRef.Length > 0 ? $"measure {d.MeasureRef}"
        : "";

    private static string State(Designation d) =>
        d.RevokedAt is not null
            ? $"revoked {Fmt.When(d.RevokedAt)}: {d.RevocationReason}" + (d.BreachId.Length > 0 ? " (breach)" : "")
            : d.ValidTo is not null && d.ValidTo.ToDateTimeOffset() <= DateTimeOffset.UtcNow ? "expired"
            : d.ValidFrom is not null && d.ValidFrom.ToDateTimeOffset() > DateTimeOffset.UtcNow ? "upcoming"
            : "in force";
}
