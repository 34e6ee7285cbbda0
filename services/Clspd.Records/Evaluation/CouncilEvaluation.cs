using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records.Cases;
using Clspd.Records.Domain;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Options;
using BodyKind = Clspd.Access.V1.BodyKind;

namespace Clspd.Records.Evaluation;

/// <summary>
/// REC-11: a council's evaluation, gathered from records and, service to service, from the
/// registry, consent and access; every table suppressed by <see cref="SuppressedTable"/> before it
/// leaves. Only aggregate counts cross the services, never a person, a case or a principal.
/// </summary>
public sealed class CouncilEvaluation(Database database, EvaluationStore store, RegistryPeer registry, AccessPeer access, ConsentPeer consent, IOptions<RecordsOptions> options, TimeProvider time)
{
    private static readonly EnumDescriptor ReasonNames = RecordsReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(ReferralReason));
    private static readonly EnumDescriptor PurposeNames = ConsentReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(Purpose));
    private static readonly EnumDescriptor DecisionNames = ConsentReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(Decision));
    private static readonly EnumDescriptor ActionNames = AccessReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(AccessAction));
    private static readonly EnumDescriptor KindNames = RegistryReflection.Descriptor.EnumTypes.First(e => e.Name == nameof(InstitutionKind));

    private static readonly Purpose[] Purposes = [Purpose.NamedDiscussion, Purpose.ProgrammeEnrolment, Purpose.DataProcessing];
    private static readonly Decision[] Decisions = [Decision.Given, Decision.Refused, Decision.Withdrawn];

    /// <summary>Longest period an evaluation covers.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(5 * 366);

    public int Threshold => options.Value.StatisticsThreshold;

    /// <summary>The council's coordinator (a COORDINATOR designation in force) or a bootstrap administrator.</summary>
    public async Task RequireCoordinatorAsync(Caller caller, string councilId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        CallerRules.ReadsEvaluation(caller.IsBootstrapAdmin, caller.IsBootstrapAdmin || (CallerRules.ActsFor(caller.Councils, councilId) && await registry.IsCoordinatorOfCouncilAsync(caller.Subject, councilId, ct))).ThrowIfDenied();
    }

    /// <summary>Reads and checks a [from, to) period.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(Google.Protobuf.WellKnownTypes.Timestamp? from, Google.Protobuf.WellKnownTypes.Timestamp? to)
    {
        var start = ProtoConvert.RequiredInstant(from, "from");
        var end = ProtoConvert.RequiredInstant(to, "to");
        new RequestValidator().When(end <= start, "to", "must be after from").When(end - start > MaxPeriod, "to", "the period may not exceed five years").ThrowIfInvalid();
        return (start, end);
    }

    /// <summary>Where the council stands on its 12-month report clock.</summary>
    public async Task<EvaluationState> StateAsync(string councilId, CancellationToken ct)
    {
        var reports = await database.ReadAsync(s => store.ReportsAsync(s, councilId), ct);
        DateTimeOffset? last = reports.Count > 0 ? reports[0].ProducedAt : null;
        var since = last ?? (await registry.CouncilAsync(councilId, ct)).CreatedAt.ToDateTimeOffset();
        return EvaluationClock.Of(last, since, time.GetUtcNow());
    }

    public static EvaluationStatus ToMessage(string councilId, EvaluationState state) => new()
    {
        CouncilId = councilId, LastReportAt = state.LastReportAt.ToTimestamp(), Since = state.Since.ToTimestamp(), DueAt = state.DueAt.ToTimestamp(),
        Overdue = state.Overdue,
    };

    /// <summary>The council's own case figures for cases followed in the period (ages at the end of the period, or today).</summary>
    public async Task<IReadOnlyList<EvaluationTable>> CaseTablesAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (first, last) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
        var (rows, reasons) = await database.ReadAsync(s => store.CasesAsync(s, councilId, first, last), ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var ageOn = last.AddDays(-1) < today ? last.AddDays(-1) : today;
        return
        [
            OneDimension("cases_by_body", "body", rows.Select(r => (BodyKind)r.BodyKind switch { BodyKind.Cddf => "CDDF", BodyKind.ClspdGroup => "CLSPD_GROUP", _ => "UNKNOWN" })),
            OneDimension("cases_by_age_band", "age_band", rows.Select(r => PersonRules.AgeBand(r.Turns25On, ageOn))),
            OneDimension("cases_by_referral_reason", "referral_reason",
                reasons.SelectMany(CaseViews.ReasonCodes).Select(r => ReasonNames.FindValueByNumber((int)r)?.Name ?? "UNKNOWN")),
            OneDimension("follow_up_durations", "follow_up_duration", rows.Where(r => r.EndDate is not null).Select(r => Statistics.DurationBand(r.StartDate, r.EndDate!.Value))),
        ];
    }

    /// <summary>One dimension's counts, complementary suppression included (the total is known from the other dimensions).</summary>
    public EvaluationTable OneDimension(string name, string dimension, IEnumerable<string> values)
    {
        var counts = values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
        return Table(name, dimension, "count", SuppressedTable.Build(counts, "count", Threshold));
    }

    /// <summary>Consent decisions per purpose and decision, and the rates they allow; null raw counts when consent is not configured.</summary>
    public async Task<(EvaluationTable Table, IReadOnlyList<ConsentRate> Rates, GetConsentStatisticsResponse? Raw)> ConsentAsync(
        string councilId, DateTimeOffset from, DateTimeOffset to, bool required, CancellationToken ct)
    {
        GetConsentStatisticsResponse? raw;
        try
        {
            raw = await consent.ConsentStatisticsAsync(councilId, from, to, ct);
        }
        catch (UnavailableException ex) when (!required)
        {
            return (Unavailable("consent_decisions", "purpose", "decision", ex.Message), [], null);
        }

        if (raw is null)
        {
            return (Unavailable("consent_decisions", "purpose", "decision", "no consent service is configured (Services:Consent)"), [], null);
        }

        var counts = new int[Purposes.Length, Decisions.Length];
        foreach (var count in raw.Counts)
        {
            var (i, j) = (Array.IndexOf(Purposes, count.Purpose), Array.IndexOf(Decisions, count.Decision));
            if (i >= 0 && j >= 0)
            {
                counts[i, j] += count.Count;
            }
        }

        var cells = SuppressedTable.Build([.. Purposes.Select(p => Name(PurposeNames, (int)p))], [.. Decisions.Select(d => Name(DecisionNames, (int)d))], counts, Threshold);
        var rates = new List<ConsentRate>();
        for (var i = 0; i < Purposes.Length; i++)
        {
            var row = Name(PurposeNames, (int)Purposes[i]);
            var given = cells.Single(c => c.Row == row && c.Column == Name(DecisionNames, (int)Decision.Given));
            var refused = cells.Single(c => c.Row == row && c.Column == Name(DecisionNames, (int)Decision.Refused));
            if (!given.Suppressed && !refused.Suppressed && given.Count + refused.Count > 0)
            {
                var share = Math.Round(100.0 * given.Count / (given.Count + refused.Count), 1);
                rates.Add(new ConsentRate { Purpose = row, ConsentRatePercent = share, RefusalRatePercent = Math.Round(100.0 - share, 1) });
            }
        }

        return (Table("consent_decisions", "purpose", "decision", cells), rates, raw);
    }

    /// <summary>Participants designated per group and institution kind during the period (registry).</summary>
    public async Task<(EvaluationTable Table, GetCouncilFiguresResponse? Raw)> CompositionAsync(
        string councilId, DateTimeOffset from, DateTimeOffset to, bool required, CancellationToken ct)
    {
        GetCouncilFiguresResponse raw;
        try
        {
            raw = await registry.CouncilFiguresAsync(councilId, from, to, ct);
        }
        catch (UnavailableException ex) when (!required)
        {
            return (Unavailable("group_composition", "group", "institution_kind", ex.Message), null);
        }

        var groups = raw.Composition.Select(c => c.GroupName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kinds = raw.Composition.Select(c => c.InstitutionKind).Distinct().Order().ToList();
        var counts = new int[groups.Count, kinds.Count];
        foreach (var c in raw.Composition)
        {
            counts[groups.IndexOf(c.GroupName), kinds.IndexOf(c.InstitutionKind)] += c.Participants;
        }

        var cells = SuppressedTable.Build(groups, [.. kinds.Select(k => Name(KindNames, (int)k))], counts, Threshold);
        return (Table("group_composition", "group", "institution_kind", cells), raw);
    }

    /// <summary>Denied accesses to the council's cases per rule id and action in the period (access service).</summary>
    public async Task<(EvaluationTable Table, GetAuditStatisticsResponse? Raw)> DeniedAsync(
        string councilId, DateTimeOffset from, DateTimeOffset to, bool required, CancellationToken ct)
    {
        GetAuditStatisticsResponse raw;
        try
        {
            raw = await access.AuditStatisticsAsync(councilId, from, to, ct);
        }
        catch (UnavailableException ex) when (!required)
        {
            return (Unavailable("denied_accesses", "rule_id", "action", ex.Message), null);
        }

        var denied = raw.Counts.Where(c => c.Outcome == Outcome.Deny).ToList();
        var rules = denied.Select(c => c.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var actions = denied.Select(c => c.Action).Distinct().Order().ToList();
        var counts = new int[rules.Count, actions.Count];
        foreach (var c in denied)
        {
            counts[rules.IndexOf(c.RuleId), actions.IndexOf(c.Action)] += c.Count;
        }

        var cells = SuppressedTable.Build(rules, [.. actions.Select(a => Name(ActionNames, (int)a))], counts, Threshold);
        return (Table("denied_accesses", "rule_id", "action", cells), raw);
    }

    /// <summary>A report figure, suppressed under the threshold unless it counts no person (charter versions, institutions).</summary>
    public ReportFigure Figure(string source, string name, int count, bool aboutPersons = true)
    {
        var hidden = aboutPersons && count > 0 && count < Threshold;
        return new ReportFigure { Source = source, Name = name, Count = hidden ? 0 : count, Suppressed = hidden };
    }

    private static string Name(EnumDescriptor names, int number) => names.FindValueByNumber(number)?.Name ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static EvaluationTable Table(string name, string rows, string columns, IReadOnlyList<SuppressedCell> cells) => new()
    {
        Name = name, RowDimension = rows, ColumnDimension = columns, Available = true,
        Cells = { cells.Select(c => new TableCell { Row = c.Row, Column = c.Column, Count = c.Count, Suppressed = c.Suppressed }) },
    };

    private static EvaluationTable Unavailable(string name, string rows, string columns, string reason) =>
        new() { Name = name, RowDimension = rows, ColumnDimension = columns, Available = false, UnavailableReason = reason };
}
