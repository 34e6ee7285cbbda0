using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>REC-11: a council's aggregate figures for its evaluation (counts only, never a name).</summary>
public sealed class FiguresStore
{
    private const string Composition = """
        SELECT d.group_id AS GroupId, g.name AS GroupName, g.kind AS GroupKind, i.kind AS InstitutionKind, COUNT(DISTINCT d.participant_id) AS Participants
        FROM designations d
        JOIN council_groups g ON g.id = d.group_id
        JOIN participants p ON p.id = d.participant_id
        JOIN institutions i ON i.id = p.institution_id
        WHERE d.council_id = @CouncilId AND d.valid_from < @To AND d.valid_to > @From AND (d.revoked_at IS NULL OR d.revoked_at > @From)
        GROUP BY d.group_id, g.name, g.kind, i.kind
        ORDER BY g.name, i.kind
        """;

    /// <summary>Distinct participants per group and institution kind holding a designation valid at some instant of [from, to).</summary>
    public async Task<IReadOnlyList<CompositionRow>> CompositionAsync(StoreSession s, string councilId, DateTimeOffset from, DateTimeOffset to) =>
        (await s.QueryAsync<CompositionRow>(Composition, new { CouncilId = councilId, From = from, To = to })).AsList();

    private const string Charter = """
        SELECT
            (SELECT COUNT(*) FROM charter_versions WHERE council_id = @CouncilId AND published_at >= @From AND published_at < @To) AS CharterVersionsPublished,
            (SELECT COUNT(*) FROM charter_signatures WHERE council_id = @CouncilId AND recorded_at >= @From AND recorded_at < @To) AS InstitutionsSigned,
            (SELECT COUNT(*) FROM charter_acceptances WHERE council_id = @CouncilId AND accepted_at >= @From AND accepted_at < @To) AS ParticipantsAccepted,
            (SELECT COUNT(*) FROM designations WHERE council_id = @CouncilId AND created_at >= @From AND created_at < @To) AS DesignationsMade,
            (SELECT COUNT(*) FROM designations WHERE council_id = @CouncilId AND revoked_at >= @From AND revoked_at < @To) AS DesignationsRevoked,
            (SELECT COUNT(*) FROM confidentiality_breaches WHERE council_id = @CouncilId AND recorded_at >= @From AND recorded_at < @To) AS ConfidentialityBreaches
        """;

    /// <summary>Counts of the charter's application in [from, to): versions, signatures, acceptances, designations, revocations, breaches.</summary>
    public async Task<CharterFiguresRow> CharterAsync(StoreSession s, string councilId, DateTimeOffset from, DateTimeOffset to) =>
        await s.QuerySingleAsync<CharterFiguresRow>(Charter, new { CouncilId = councilId, From = from, To = to });
}
