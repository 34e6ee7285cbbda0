using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Consent.Store;

/// <summary>Information notices (CON-1): drafts are replaced in place until published; published rows never change.</summary>
public sealed class NoticeStore
{
    public const int Draft = 1;
    public const int Published = 2;

    private const string Columns = """
        SELECT id AS Id, council_id AS CouncilId, status AS Status, version AS Version, title AS Title, controller AS Controller,
               purposes AS Purposes, recipients AS Recipients, retention AS Retention, legal_basis AS LegalBasis, rights AS Rights,
               rights_contact AS RightsContact, dpo_contact AS DpoContact, cnil_complaint AS CnilComplaint,
               additional_information AS AdditionalInformation, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt,
               published_by AS PublishedBy, published_at AS PublishedAt
        FROM notices
        """;

    private const string Insert = """
        INSERT INTO notices (id, council_id, status, version, title, controller, purposes, recipients, retention, legal_basis, rights,
                             rights_contact, dpo_contact, cnil_complaint, additional_information, created_by, created_at, updated_at,
                             published_by, published_at)
        VALUES (@Id, @CouncilId, @Status, @Version, @Title, @Controller, @Purposes, @Recipients, @Retention, @LegalBasis, @Rights,
                @RightsContact, @DpoContact, @CnilComplaint, @AdditionalInformation, @CreatedBy, @CreatedAt, @UpdatedAt,
                @PublishedBy, @PublishedAt)
        """;

    public Task InsertAsync(StoreSession s, NoticeRow row) => s.ExecuteAsync(Insert, row);

    private const string ById = Columns + " WHERE id = @Id";

    public Task<NoticeRow?> FindAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<NoticeRow>(ById, new { Id = id });

    private const string ByCouncil = Columns + " WHERE council_id = @CouncilId ORDER BY status DESC, version DESC, created_at DESC, id DESC";
    private const string PublishedByCouncil = Columns + " WHERE council_id = @CouncilId AND status = 2 ORDER BY version DESC";

    public async Task<IReadOnlyList<NoticeRow>> ListAsync(StoreSession s, string councilId, bool publishedOnly) =>
        (await s.QueryAsync<NoticeRow>(publishedOnly ? PublishedByCouncil : ByCouncil,
            new { CouncilId = councilId })).AsList();

    // Only a draft row is ever changed: the status condition makes a published notice immutable even under a race.
    private const string UpdateDraft = """
        UPDATE notices SET title = @Title, controller = @Controller, purposes = @Purposes, recipients = @Recipients,
               retention = @Retention, legal_basis = @LegalBasis, rights = @Rights, rights_contact = @RightsContact,
               dpo_contact = @DpoContact, cnil_complaint = @CnilComplaint, additional_information = @AdditionalInformation,
               updated_at = @UpdatedAt
        WHERE id = @Id AND status = 1
        """;

    /// <summary>Replaces the content of a draft; false when the notice is not (or no longer) a draft.</summary>
    public async Task<bool> UpdateDraftAsync(StoreSession s, NoticeRow row) => await s.ExecuteAsync(UpdateDraft, row) == 1;

    private const string NextVersionSqlite = "SELECT COALESCE(MAX(version), 0) + 1 FROM notices WHERE council_id = @CouncilId AND status = 2";

    // UPDLOCK + HOLDLOCK: two publications for one council wait for each other instead of taking the same number.
    private const string NextVersionSqlServer = "SELECT COALESCE(MAX(version), 0) + 1 FROM notices WITH (UPDLOCK, HOLDLOCK) WHERE council_id = @CouncilId AND status = 2";

    // No row to lock before the council's first publication: a transaction-scoped advisory lock on the
    // council makes two publications wait for each other, as UPDLOCK + HOLDLOCK does on SQL Server. It is
    // its own statement so that the next one (READ COMMITTED) sees what the other publication committed.
    private const string LockPublicationsPostgres = "SELECT pg_advisory_xact_lock(hashtextextended('notices' || chr(31) || @CouncilId, 0))";
    private const string NextVersionPostgres = NextVersionSqlite;

    private const string Publish = """
        UPDATE notices SET status = 2, version = @Version, published_by = @PublishedBy, published_at = @PublishedAt, updated_at = @PublishedAt
        WHERE id = @Id AND status = 1
        """;

    /// <summary>Publishes a draft as the council's next version; returns that version, or 0 when the notice is no longer a draft.</summary>
    public async Task<int> PublishAsync(StoreSession s, string id, string councilId, string publishedBy)
    {
        if (s.Provider == DatabaseProvider.Postgres)
        {
            await s.ExecuteAsync(LockPublicationsPostgres, new { CouncilId = councilId });
        }

        var version = await s.Connection.ExecuteScalarAsync<int>(s.Command(
            s.Dialect(NextVersionSqlite, NextVersionSqlServer, NextVersionPostgres), new { CouncilId = councilId }));
        var updated = await s.ExecuteAsync(Publish, new { Id = id, Version = version, PublishedBy = publishedBy, PublishedAt = s.Now });
        return updated == 1 ? version : 0;
    }
}
