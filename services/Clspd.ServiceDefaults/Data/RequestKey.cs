using System.Security.Cryptography;
using Google.Protobuf;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Identifies one mutating call for idempotency: who, which request id, which method, which content;
/// and the person the call is about, if any (<see cref="About"/>), whose destruction removes its entry.
/// </summary>
public sealed record RequestKey(string Caller, string RequestId, string Method, string RequestHash)
{
    /// <summary>The opaque reference of the person the stored response is about (null: about no one).</summary>
    public string? SubjectRef { get; init; }

    /// <summary>This key, marked as about a person: their destruction removes the stored response (REC-7).</summary>
    public RequestKey About(string subjectRef) => this with { SubjectRef = subjectRef };

    public static RequestKey For(string caller, string requestId, string method, IMessage request) =>
        new(caller, requestId, method, Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray())));
}
