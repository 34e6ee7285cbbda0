using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Records.Evaluation;

/// <summary>
/// REC-11: the annual charter-application report of a council, assembled from the registry, the
/// access service, records and consent, suppression applied. Every service must answer.
/// </summary>
public sealed class CharterReports(Database database, EvaluationStore store, CouncilEvaluation evaluation)
{
    public async Task<CharterReport> BuildAsync(string councilId, int year, string producedBy, DateTimeOffset now, CancellationToken ct)
    {
        // A stored report is never partial: every service must answer (Unavailable names the one that did not).
        var (from, to) = EvaluationClock.Year(year);
        var (composition, registry) = await evaluation.CompositionAsync(councilId, from, to, required: true, ct);
        var (denied, audit) = await evaluation.DeniedAsync(councilId, from, to, required: true, ct);
        var (_, _, consent) = await evaluation.ConsentAsync(councilId, from, to, required: true, ct);
        var (followed, casesDestroyed, personsDestroyed) = await database.ReadAsync(async s => (
            (await store.CasesAsync(s, councilId, DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime))).Cases.Count,
            await store.DestroyedAsync(s, councilId, "case", from, to),
            await store.DestroyedAsync(s, councilId, "person", from, to)), ct);

        int Allowed(AccessAction action) => audit!.Counts.Where(c => c.Action == action && c.Outcome == Outcome.Allow).Sum(c => c.Count);
        int Decided(Consent.V1.Decision decision) => consent?.Counts.Where(c => c.Decision == decision).Sum(c => c.Count) ?? 0;
        var report = new CharterReport
        {
            Id = Guid.CreateVersion7(now).ToString(), CouncilId = councilId, Year = year, ProducedBy = producedBy,
            ProducedAt = now.ToTimestamp(), Threshold = evaluation.Threshold, Tables = { composition, denied },
            Figures =
            {
                evaluation.Figure("registry", "charter_versions_published", registry!.CharterVersionsPublished, aboutPersons: false),
                evaluation.Figure("registry", "institutions_signed", registry.InstitutionsSigned, aboutPersons: false),
                evaluation.Figure("registry", "participants_accepted", registry.ParticipantsAccepted),
                evaluation.Figure("registry", "designations_made", registry.DesignationsMade),
                evaluation.Figure("registry", "designations_revoked", registry.DesignationsRevoked),
                evaluation.Figure("registry", "confidentiality_breaches", registry.ConfidentialityBreaches),
                evaluation.Figure("access", "denied_accesses", audit!.DeniedDecisions),
                evaluation.Figure("access", "archive_openings", Allowed(AccessAction.OpenArchivedCase)),
                evaluation.Figure("access", "case_moves", Allowed(AccessAction.MoveCase)),
                evaluation.Figure("access", "named_exports", Allowed(AccessAction.ExportCase) + Allowed(AccessAction.ExportSubjectFile)),
                evaluation.Figure("access", "identity_rectifications", Allowed(AccessAction.RectifyIdentity)),
                evaluation.Figure("records", "cases_followed", followed),
                evaluation.Figure("records", "cases_destroyed", casesDestroyed),
                evaluation.Figure("records", "persons_destroyed", personsDestroyed),
            },
        };
        if (consent is not null)
        {
            report.Figures.Add(evaluation.Figure("consent", "consents_given", Decided(Consent.V1.Decision.Given)));
            report.Figures.Add(evaluation.Figure("consent", "consent_refusals", Decided(Consent.V1.Decision.Refused)));
            report.Figures.Add(evaluation.Figure("consent", "consent_withdrawals", Decided(Consent.V1.Decision.Withdrawn)));
        }

        return report;
    }
}
