using System.Security.Cryptography;
using DbUp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Clspd.Web.SignIn;

/// <summary>
/// Keeps the signed-in sessions in <c>sessions.db</c> of <c>Web:DataDirectory</c>, so that a restart of the console
/// signs nobody out. As with <see cref="ServerTicketStore"/>, the cookie carries only a random key; the file holds the
/// key's SHA-256 (a copy of the file gives no cookie) and the ticket encrypted with the console's data-protection keys
/// (kept beside it in <c>keys/</c>; a copy of the file without them gives no token). Expired sessions are deleted
/// when a new one is stored.
/// </summary>
public sealed class SqliteTicketStore : ITicketStore
{
    /// <summary>The file under the data directory.</summary>
    public const string FileName = "sessions.db";

    private readonly string _connectionString;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _clock;

    public SqliteTicketStore(string dataDirectory, IDataProtectionProvider protection, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(protection);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, FileName), Pooling = true }.ToString();
        _protector = protection.CreateProtector("Clspd.Web.Sessions");
        _clock = clock;
        var upgrade = DeployChanges.To.SqliteDatabase(_connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteTicketStore).Assembly, name => name.Contains(".Migrations.sqlite.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!upgrade.Successful)
        {
            throw new InvalidOperationException($"The console's sessions in {Path.Combine(dataDirectory, FileName)} could not be prepared: {upgrade.Error.Message}", upgrade.Error);
        }
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var connection = await OpenAsync();
        await using (var purge = connection.CreateCommand())
        {
            purge.CommandText = "DELETE FROM sessions WHERE expires_at <= $now";
            purge.Parameters.AddWithValue("$now", _clock.GetUtcNow().ToUnixTimeSeconds());
            await purge.ExecuteNonQueryAsync();
        }

        await PutAsync(connection, key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var connection = await OpenAsync();
        await PutAsync(connection, key, ticket);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var connection = await OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT ticket FROM sessions WHERE key_hash = $key AND expires_at > $now";
        select.Parameters.AddWithValue("$key", Hash(key));
        select.Parameters.AddWithValue("$now", _clock.GetUtcNow().ToUnixTimeSeconds());
        if (await select.ExecuteScalarAsync() is not byte[] stored)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // Encrypted with keys this console no longer has (its key folder was replaced): signed out.
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var connection = await OpenAsync();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM sessions WHERE key_hash = $key";
        delete.Parameters.AddWithValue("$key", Hash(key));
        await delete.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task PutAsync(SqliteConnection connection, string key, AuthenticationTicket ticket)
    {
        var now = _clock.GetUtcNow();
        var expires = ticket.Properties.ExpiresUtc ?? now.AddHours(8);
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO sessions (key_hash, expires_at, ticket) VALUES ($key, $expires, $ticket)
            ON CONFLICT (key_hash) DO UPDATE SET expires_at = excluded.expires_at, ticket = excluded.ticket
            """;
        upsert.Parameters.AddWithValue("$key", Hash(key));
        upsert.Parameters.AddWithValue("$expires", expires.ToUnixTimeSeconds());
        upsert.Parameters.AddWithValue("$ticket", _protector.Protect(TicketSerializer.Default.Serialize(ticket)));
        await upsert.ExecuteNonQueryAsync();
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
