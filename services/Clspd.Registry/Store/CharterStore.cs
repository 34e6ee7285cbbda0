using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>
/// Charter versions of each council, institutions' signatures and participants' acceptances (REG-3).
/// The current version is the last one published: the highest change-feed revision.
/// </summary>
public sealed class CharterStore
{
    private const string InsertVersion = """
        INSERT INTO charter_versions (council_id, version, charter_date, text_sha256, published_at, published_by, revision)
        VALUES (@CouncilId, @Version, @CharterDate, @TextSha256, @PublishedAt, @PublishedBy, @Revision)
        """;

    public Task InsertVersionAsync(StoreSession s, CharterVersionRow version) => s.ExecuteAsync(InsertVersion, version);

    private const string VersionColumns = """
        council_id AS CouncilId, version AS Version, charter_date AS CharterDate, text_sha256 AS TextSha256,
        published_at AS PublishedAt, published_by AS PublishedBy, revision AS Revision
        """;

    private const string SelectVersion = $"SELECT {VersionColumns} FROM charter_versions WHERE council_id = @CouncilId AND version = @Version";

    public Task<CharterVersionRow?> FindVersionAsync(StoreSession s, string councilId, string version) =>
        s.QuerySingleOrDefaultAsync<CharterVersionRow>(SelectVersion, new { CouncilId = councilId, Version = version });

    private const string SelectVersions = $"SELECT {VersionColumns} FROM charter_versions WHERE council_id = @CouncilId ORDER BY revision";

    public async Task<IReadOnlyList<CharterVersionRow>> VersionsAsync(StoreSession s, string councilId) =>
        (await s.QueryAsync<CharterVersionRow>(SelectVersions, new { CouncilId = councilId })).AsList();

    private const string SelectCurrent = $"""
        SELECT {VersionColumns} FROM charter_versions
        WHERE council_id = @CouncilId AND revision = (
            SELECT MAX(revision) FROM charter_versions WHERE council_id = @CouncilId AND published_at <= @At)
        """;

    /// <summary>The version that was current at an instant (the last published at or before it).</summary>
    public Task<CharterVersionRow?> CurrentVersionAsync(StoreSession s, string councilId, DateTimeOffset at) =>
        s.QuerySingleOrDefaultAsync<CharterVersionRow>(SelectCurrent, new { CouncilId = councilId, At = at });

    private const string InsertSignature = """
        INSERT INTO charter_signatures (id, council_id, version, institution_id, signed_on, signatory_name, signatory_function, recorded_at, recorded_by)
        VALUES (@Id, @CouncilId, @Version, @InstitutionId, @SignedOn, @SignatoryName, @SignatoryFunction, @RecordedAt, @RecordedBy)
        """;

    public Task InsertSignatureAsync(StoreSession s, CharterSignatureRow signature) => s.ExecuteAsync(InsertSignature, signature);

    private const string SelectSignature = """
        SELECT id AS Id, council_id AS CouncilId, version AS Version, institution_id AS InstitutionId, signed_on AS SignedOn,
               signatory_name AS SignatoryName, signatory_function AS SignatoryFunction, recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM charter_signatures
        WHERE council_id = @CouncilId AND version = @Version AND institution_id = @InstitutionId AND recorded_at <= @At
        """;

    /// <summary>The institution's signature of a version, if recorded at or before an instant.</summary>
    public Task<CharterSignatureRow?> SignatureAsync(StoreSession s, string councilId, string version, string institutionId, DateTimeOffset at) =>
        s.QuerySingleOrDefaultAsync<CharterSignatureRow>(SelectSignature,
            new { CouncilId = councilId, Version = version, InstitutionId = institutionId, At = at });

    private const string InsertAcceptance = """
        INSERT INTO charter_acceptances (id, council_id, version, participant_id, access_traced_acknowledged, accepted_at, subject)
        VALUES (@Id, @CouncilId, @Version, @ParticipantId, @AccessTracedAcknowledged, @AcceptedAt, @Subject)
        """;

    public Task InsertAcceptanceAsync(StoreSession s, CharterAcceptanceRow acceptance) => s.ExecuteAsync(InsertAcceptance, acceptance);

    private const string SelectAcceptance = """
        SELECT id AS Id, council_id AS CouncilId, version AS Version, participant_id AS ParticipantId,
               access_traced_acknowledged AS AccessTracedAcknowledged, accepted_at AS AcceptedAt, subject AS Subject
        FROM charter_acceptances
        WHERE council_id = @CouncilId AND version = @Version AND participant_id = @ParticipantId AND accepted_at <= @At
        """;

    /// <summary>The participant's acceptance of a version, if given at or before an instant.</summary>
    public Task<CharterAcceptanceRow?> AcceptanceAsync(StoreSession s, string councilId, string version, string participantId, DateTimeOffset at) =>
        s.QuerySingleOrDefaultAsync<CharterAcceptanceRow>(SelectAcceptance,
            new { CouncilId = councilId, Version = version, ParticipantId = participantId, At = at });

    /// <summary>REG-3: the charter facts of a participant of an institution in a council at an instant.</summary>
    public async Task<CharterState> StateAsync(StoreSession s, string councilId, string institutionId, string participantId, DateTimeOffset at)
    {
        var current = await CurrentVersionAsync(s, councilId, at);
        if (current is null)
        {
            return new CharterState(null, null, null);
        }

        var signature = await SignatureAsync(s, councilId, current.Version, institutionId, at);
        var acceptance = await AcceptanceAsync(s, councilId, current.Version, participantId, at);
        return new CharterState(current, signature, acceptance);
    }
}
