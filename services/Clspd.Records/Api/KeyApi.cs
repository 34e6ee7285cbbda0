using Clspd.Records.Domain;
using Clspd.Records.Store;
using Clspd.Records.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Records.Api;

/// <summary>The master keys sealing the persons' data keys (REC-1): rotation to the current key.</summary>
public sealed partial class KeyApi(Database database, PersonKeyStore keys, MasterKey master, CallerResolver callers, ILogger<KeyApi> logger)
    : KeyService.KeyServiceBase
{
    public const int DefaultBatchSize = 500;

    public override async Task<RotateMasterKeyResponse> RotateMasterKey(RotateMasterKeyRequest request, ServerCallContext context)
    {
        CallerRules.RotatesMasterKey(callers.Resolve(context).IsBootstrapAdmin).ThrowIfDenied();

        new RequestValidator()
            .When(request.BatchSize is < 0 or > 5000, "batch_size", "must be 1..5000 (0 for 500)")
            .When(request.MaxKeys is < 0 or > 100_000, "max_keys", "must be 1..100000 (0 for no bound)")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        var unknown = (await database.ReadAsync(keys.CountByMasterKeyAsync, ct)).Where(r => !master.KnownIds.Contains(r.MasterKeyId)).Select(r => (r.MasterKeyId, r.Count)).ToList();
        KeyRules.AllKnown(unknown, MasterKey.PreviousSetting).ThrowIfAny();

        var batch = request.BatchSize == 0 ? DefaultBatchSize : request.BatchSize;
        var resealed = 0;
        var after = "";
        while (request.MaxKeys == 0 || resealed < request.MaxKeys)
        {
            var size = request.MaxKeys == 0 ? batch : Math.Min(batch, request.MaxKeys - resealed);
            var (count, last) = await database.WriteAsync(w => keys.ResealBatchAsync(w, after, size), ct);
            resealed += count;
            if (last is null)
            {
                break;
            }

            after = last;
        }

        var counts = await database.ReadAsync(keys.CountByMasterKeyAsync, ct);
        var reply = new RotateMasterKeyResponse
        {
            CurrentMasterKeyId = master.Id, Resealed = resealed,
            Done = counts.Where(r => r.MasterKeyId == master.Id).Sum(r => r.Count), Total = counts.Sum(r => r.Count),
        };
        LogRotated(logger, reply.Resealed, reply.CurrentMasterKeyId, reply.Done, reply.Total);
        return reply;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Master key rotation: {Resealed} data keys re-sealed under {KeyId}; {Done} of {Total} are under it")]
    private static partial void LogRotated(ILogger logger, int resealed, string keyId, long done, long total);
}
