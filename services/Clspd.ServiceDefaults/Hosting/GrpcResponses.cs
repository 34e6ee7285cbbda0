using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Clspd.ServiceDefaults;

/// <summary>Writes "trailers-only" gRPC responses from plain middleware (before any gRPC service runs).</summary>
public static class GrpcResponses
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// A JSON call (gRPC JSON transcoding, docs/deployment.md): not gRPC, on a <c>/v1/</c> path. Its refusals
    /// are written as the transcoded services write theirs: an HTTP status and a <c>google.rpc.Status</c> JSON body.
    /// </summary>
    public static bool IsJson(HttpRequest request) =>
        !IsGrpc(request) && request.Path.StartsWithSegments("/v1", StringComparison.Ordinal);

    /// <summary>
    /// The status as the caller reads it: trailers-only gRPC, or for a JSON call (<see cref="IsJson"/>) the HTTP
    /// status of <paramref name="code"/> (or <paramref name="httpStatus"/>) with a JSON body naming the rule.
    /// </summary>
    public static Task WriteStatusAsync(HttpResponse response, StatusCode code, string message, int? httpStatus = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (IsJson(response.HttpContext.Request))
        {
            return JsonStatusResponses.WriteAsync(response, code, message, httpStatus);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = EncodeMessage(message);
        return response.CompleteAsync();
    }

    /// <summary>
    /// The <c>grpc-message</c> value as the gRPC protocol writes it: the UTF-8 bytes, with only
    /// those outside printable ASCII (0x20..0x7E) and '%' itself percent-encoded. Every client
    /// decodes this once and reads the sentence exactly ("GW-1: a bearer token…"). Escaping it as a
    /// URI component instead put "GW-1%3A%20a%20bearer…" on the wire, which some clients showed
    /// as it came.
    /// </summary>
    public static string EncodeMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = Encoding.UTF8.GetBytes(message);
        if (bytes.All(b => b is >= 0x20 and <= 0x7E and not (byte)'%'))
        {
            return message;
        }

        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
