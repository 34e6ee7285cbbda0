using System.Text;
using Clspd.Records.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>The persons' sealed data keys, as a master key rotation sees them: counted by master key, re-sealed in batches.</summary>
public sealed class PersonKeyStore(MasterKey master)
{
    private const string CountByMasterKey = "SELECT master_key_id AS MasterKeyId, COUNT(*) AS Count FROM person_keys GROUP BY master_key_id";

    /// <summary>How many data keys each master key seals.</summary>
    public async Task<IReadOnlyList<MasterKeyCountRow>> CountByMasterKeyAsync(StoreSession s) => (await s.QueryAsync<MasterKeyCountRow>(CountByMasterKey)).AsList();

    // Key order from a cursor: each batch reads on from where the previous one stopped, on the primary key.
    private const string SelectStaleSqlite = """
        SELECT subject_ref AS SubjectRef, master_key_id AS MasterKeyId, wrapped_key AS WrappedKey FROM person_keys
        WHERE subject_ref > @After AND master_key_id <> @Current ORDER BY subject_ref LIMIT @Batch
        """;

    private const string SelectStaleSqlServer = """
        SELECT TOP (@Batch) subject_ref AS SubjectRef, master_key_id AS MasterKeyId, wrapped_key AS WrappedKey FROM person_keys
        WHERE subject_ref > @After AND master_key_id <> @Current ORDER BY subject_ref
        """;

    private const string SelectStalePostgres = SelectStaleSqlite;

    // Only when it is still sealed as read: a key destroyed or re-sealed meanwhile is left alone.
    private const string Reseal = """
        UPDATE person_keys SET master_key_id = @Current, wrapped_key = @WrappedKey WHERE subject_ref = @SubjectRef AND master_key_id = @Previous
        """;

    /// <summary>
    /// Re-seals under the current master key at most <paramref name="batch"/> data keys that are not under it,
    /// after <paramref name="after"/> in subject order; returns how many were re-sealed and the last subject seen
    /// (null when none was left).
    /// </summary>
    public async Task<(int Resealed, string? Last)> ResealBatchAsync(StoreSession w, string after, int batch)
    {
        var current = master.Id;
        var stale = (await w.QueryAsync<PersonKeyRow>(w.Dialect(SelectStaleSqlite, SelectStaleSqlServer, SelectStalePostgres),
            new { After = after, Current = current, Batch = batch })).AsList();
        var resealed = 0;
        foreach (var row in stale)
        {
            var ad = Encoding.UTF8.GetBytes(row.SubjectRef);
            var dataKey = IdentityCipher.Open(master.KeyFor(row.MasterKeyId), row.WrappedKey, ad);
            resealed += await w.ExecuteAsync(Reseal, new
            {
                Current = current, WrappedKey = IdentityCipher.Seal(master.Key, dataKey, ad), row.SubjectRef, Previous = row.MasterKeyId,
            });
        }

        return (resealed, stale.Count == 0 ? null : stale[^1].SubjectRef);
    }
}
