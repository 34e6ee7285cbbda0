using System.Security.Cryptography;
using Google.Protobuf;

namespace Clspd.ServiceDefaults.Data;

/// <summary>Identifies one mutating call for idempotency: who, which request id, which method, which content.</summary>
public sealed record RequestKey(string Caller, string RequestId, string Method, string RequestHash)
{
    public static RequestKey For(string caller, string requestId, string method, IMessage request) =>
        new(caller, requestId, method, Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray())));
}
