using System.Text;
using Clspd.Records.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>
/// Persons: the sealed identity and its sealed data key, kept in separate rows. A data key is sealed under
/// the current master key and opened with the master key whose id is stored beside it.
/// </summary>
public sealed class PersonStore(MasterKey master)
{
    private const string InsertPerson = """
        INSERT INTO persons (subject_ref, council_id, turns_25_on, identity_cipher, created_at, created_by)
        VALUES (@SubjectRef, @CouncilId, @Turns25On, @IdentityCipher, @CreatedAt, @CreatedBy)
        """;

    private const string InsertKey = "INSERT INTO person_keys (subject_ref, master_key_id, wrapped_key) VALUES (@SubjectRef, @MasterKeyId, @WrappedKey)";

    /// <summary>Seals the identity under a new data key, seals that key under the master key, stores both.</summary>
    public async Task InsertAsync(StoreSession w, string subjectRef, string councilId, DateOnly turns25On, byte[] identity, string createdBy)
    {
        var dataKey = IdentityCipher.NewDataKey();
        var ad = Encoding.UTF8.GetBytes(subjectRef);
        await w.ExecuteAsync(InsertPerson, new PersonRow
        {
            SubjectRef = subjectRef, CouncilId = councilId, Turns25On = turns25On,
            IdentityCipher = IdentityCipher.Seal(dataKey, identity, ad), CreatedAt = w.Now, CreatedBy = createdBy,
        });
        await w.ExecuteAsync(InsertKey, new PersonKeyRow
        {
            SubjectRef = subjectRef, MasterKeyId = master.Id, WrappedKey = IdentityCipher.Seal(master.Key, dataKey, ad),
        });
    }

    private const string SelectPerson = """
        SELECT subject_ref AS SubjectRef, council_id AS CouncilId, turns_25_on AS Turns25On, identity_cipher AS IdentityCipher,
               created_at AS CreatedAt, created_by AS CreatedBy
        FROM persons WHERE subject_ref = @SubjectRef
        """;

    public Task<PersonRow?> FindAsync(StoreSession s, string subjectRef) => s.QuerySingleOrDefaultAsync<PersonRow>(SelectPerson, new { SubjectRef = subjectRef });

    private const string SelectTurns25On = "SELECT subject_ref AS SubjectRef, turns_25_on AS Turns25On FROM persons WHERE subject_ref IN @SubjectRefs";

    /// <summary>The day each of these persons turns 25, in one query (a person destroyed, or never recorded, is absent).</summary>
    public async Task<IReadOnlyDictionary<string, DateOnly>> Turns25OnAsync(StoreSession s, IReadOnlyCollection<string> subjectRefs)
    {
        ArgumentNullException.ThrowIfNull(subjectRefs);
        if (subjectRefs.Count == 0)
        {
            return new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        }

        var rows = await s.QueryAsync<PersonRow>(SelectTurns25On, new { SubjectRefs = subjectRefs.Distinct(StringComparer.Ordinal).ToArray() });
        return rows.ToDictionary(r => r.SubjectRef, r => r.Turns25On, StringComparer.Ordinal);
    }

    private const string SelectKey = "SELECT subject_ref AS SubjectRef, master_key_id AS MasterKeyId, wrapped_key AS WrappedKey FROM person_keys WHERE subject_ref = @SubjectRef";

    /// <summary>The decrypted identity bytes, or null when the data key is gone (destroyed).</summary>
    public async Task<byte[]?> OpenIdentityAsync(StoreSession s, PersonRow person)
    {
        var dataKey = await DataKeyAsync(s, person.SubjectRef);
        return dataKey is null ? null : IdentityCipher.Open(dataKey, person.IdentityCipher, Encoding.UTF8.GetBytes(person.SubjectRef));
    }

    /// <summary>Seals case text (e.g. follow-up elements) under the person's data key, so destroying the key shreds it too.</summary>
    public async Task<byte[]> SealForAsync(StoreSession w, string subjectRef, string purpose, byte[] plaintext)
    {
        var dataKey = await DataKeyAsync(w, subjectRef) ?? throw new InvalidOperationException("the person's data key is gone");
        return IdentityCipher.Seal(dataKey, plaintext, Encoding.UTF8.GetBytes(subjectRef + "\n" + purpose));
    }

    /// <summary>Opens what <see cref="SealForAsync"/> sealed; null when the data key is gone.</summary>
    public async Task<byte[]?> OpenForAsync(StoreSession s, string subjectRef, string purpose, byte[] sealedBlob)
    {
        var dataKey = await DataKeyAsync(s, subjectRef);
        return dataKey is null ? null : IdentityCipher.Open(dataKey, sealedBlob, Encoding.UTF8.GetBytes(subjectRef + "\n" + purpose));
    }

    private const string UpdateIdentity = "UPDATE persons SET identity_cipher = @Cipher, turns_25_on = @Turns25On WHERE subject_ref = @SubjectRef";

    private const string InsertRectification = """
        INSERT INTO rectifications (id, subject_ref, fields, rectified_at, rectified_by) VALUES (@Id, @SubjectRef, @Fields, @Now, @By)
        """;

    /// <summary>
    /// REC-10: re-seals the rectified identity under the person's data key and logs which fields
    /// changed, by whom and when (names only: the log never holds values).
    /// </summary>
    public async Task RectifyAsync(StoreSession w, string subjectRef, byte[] identity, DateOnly turns25On, IEnumerable<string> fields, string by)
    {
        var dataKey = await DataKeyAsync(w, subjectRef) ?? throw new InvalidOperationException("the person's data key is gone");
        await w.ExecuteAsync(UpdateIdentity, new { SubjectRef = subjectRef, Cipher = IdentityCipher.Seal(dataKey, identity, Encoding.UTF8.GetBytes(subjectRef)), Turns25On = turns25On });
        await w.ExecuteAsync(InsertRectification, new { Id = Guid.CreateVersion7(w.Now).ToString(), SubjectRef = subjectRef, Fields = string.Join(',', fields), w.Now, By = by });
    }

    private const string SelectRectifications = """
        SELECT fields AS Fields, rectified_at AS RectifiedAt, rectified_by AS RectifiedBy FROM rectifications WHERE subject_ref = @SubjectRef ORDER BY rectified_at, id
        """;

    public async Task<IReadOnlyList<RectificationRow>> RectificationsAsync(StoreSession s, string subjectRef) =>
        (await s.QueryAsync<RectificationRow>(SelectRectifications, new { SubjectRef = subjectRef })).AsList();

    private async Task<byte[]?> DataKeyAsync(StoreSession s, string subjectRef)
    {
        var key = await s.QuerySingleOrDefaultAsync<PersonKeyRow>(SelectKey, new { SubjectRef = subjectRef });
        return key is null ? null : IdentityCipher.Open(master.KeyFor(key.MasterKeyId), key.WrappedKey, Encoding.UTF8.GetBytes(subjectRef));
    }
}
