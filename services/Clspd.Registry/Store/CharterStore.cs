using System.Data.Common;
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

    public Task InsertVersionAsync(StoreSession w, CharterVersionRow version) => w.ExecuteAsync(InsertVersion, version);

    private const string VersionColumns = """
        council_id AS CouncilId, version AS Version, charter_date AS CharterDate, text_sha256 AS TextSha256,
        published_at AS PublishedAt, published_by AS PublishedBy, revision AS Revision
        """;

    private const string SelectVersion = $"SELECT {VersionColumns} FROM charter_versions WHERE council_id = @CouncilId AND version = @Version";

    public Task<CharterVersionRow?> FindVersionAsync(DbConnection connection, DbTransaction? transaction, string councilId, string version, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CharterVersionRow>(new CommandDefinition(SelectVersion, new { CouncilId = councilId, Version = version }, transaction, cancellationToken: ct));

    private const string SelectVersions = $"SELECT {VersionColumns} FROM charter_versions WHERE council_id = @CouncilId ORDER BY revision";

    public async Task<IReadOnlyList<CharterVersionRow>> VersionsAsync(DbConnection connection, string councilId, CancellationToken ct) =>
        (await connection.QueryAsync<CharterVersionRow>(new CommandDefinition(SelectVersions, new { CouncilId = councilId }, cancellationToken: ct))).AsList();

    private const string SelectCurrent = $"""
        SELECT {VersionColumns} FROM charter_versions
        WHERE council_id = @CouncilId AND revision = (
            SELECT MAX(revision) FROM charter_versions WHERE council_id = @CouncilId AND published_at <= @At)
        """;

    /// <summary>The version that was current at an instant (the last published at or before it).</summary>
    public Task<CharterVersionRow?> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, string councilId, DateTimeOffset at, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CharterVersionRow>(new CommandDefinition(SelectCurrent, new { CouncilId = councilId, At = at }, transaction, cancellationToken: ct));

    private const string InsertSignature = """
        INSERT INTO charter_signatures (id, council_id, version, institution_id, signed_on, signatory_name, signatory_function, recorded_at, recorded_by)
        VALUES (@Id, @CouncilId, @Version, @InstitutionId, @SignedOn, @SignatoryName, @SignatoryFunction, @RecordedAt, @RecordedBy)
        """;

    public Task InsertSignatureAsync(StoreSession w, CharterSignatureRow signature) => w.ExecuteAsync(InsertSignature, signature);

    private const string SelectSignature = """
        SELECT id AS Id, council_id AS CouncilId, version AS Version, institution_id AS InstitutionId, signed_on AS SignedOn,
               signatory_name AS SignatoryName, signatory_function AS SignatoryFunction, recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM charter_signatures
        WHERE council_id = @CouncilId AND version = @Version AND institution_id = @InstitutionId AND recorded_at <= @At
        """;

    /// <summary>The institution's signature of a version, if recorded at or before an instant.</summary>
    public Task<CharterSignatureRow?> SignatureAsync(DbConnection connection, DbTransaction? transaction, string councilId, string version, string institutionId, DateTimeOffset at, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CharterSignatureRow>(new CommandDefinition(SelectSignature,
            new { CouncilId = councilId, Version = version, InstitutionId = institutionId, At = at }, transaction, cancellationToken: ct));

    private const string InsertAcceptance = """
        INSERT INTO charter_acceptances (id, council_id, version, participant_id, access_traced_acknowledged, accepted_at, subject)
        VALUES (@Id, @CouncilId, @Version, @ParticipantId, @AccessTracedAcknowledged, @AcceptedAt, @Subject)
        """;

    public Task InsertAcceptanceAsync(StoreSession w, CharterAcceptanceRow acceptance) => w.ExecuteAsync(InsertAcceptance, acceptance);

    private const string SelectAcceptance = """
        SELECT id AS Id, council_id AS CouncilId, version AS Version, participant_id AS ParticipantId,
               access_traced_acknowledged AS AccessTracedAcknowledged, accepted_at AS AcceptedAt, subject AS Subject
        FROM charter_acceptances
        WHERE council_id = @CouncilId AND version = @Version AND participant_id = @ParticipantId AND accepted_at <= @At
        """;

    /// <summary>The participant's acceptance of a version, if given at or before an instant.</summary>
    public Task<CharterAcceptanceRow?> AcceptanceAsync(DbConnection connection, DbTransaction? transaction, string councilId, string version, string participantId, DateTimeOffset at, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CharterAcceptanceRow>(new CommandDefinition(SelectAcceptance,
            new { CouncilId = councilId, Version = version, ParticipantId = participantId, At = at }, transaction, cancellationToken: ct));

    /// <summary>REG-3: the charter facts of a participant of an institution in a council at an instant.</summary>
    public async Task<CharterState> StateAsync(DbConnection connection, DbTransaction? transaction, string councilId, string institutionId, string participantId, DateTimeOffset at, CancellationToken ct)
    {
        var current = await CurrentVersionAsync(connection, transaction, councilId, at, ct);
        if (current is null)
        {
            return new CharterState(null, null, null);
        }

        var signature = await SignatureAsync(connection, transaction, councilId, current.Version, institutionId, at, ct);
        var acceptance = await AcceptanceAsync(connection, transaction, councilId, current.Version, participantId, at, ct);
        return new CharterState(current, signature, acceptance);
    }
}
