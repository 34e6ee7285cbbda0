using System.Buffers.Binary;
using System.Net;
using Clspd.Access.V1;
using Google.Protobuf;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// A unary gRPC request as it goes on the wire (the five-byte prefix, then the message), written to
/// a file for <c>h2load -d</c>; and one call of it over h2c, to check the frame, the token and the
/// answer before h2load repeats it (h2load counts HTTP statuses and does not read gRPC's trailers).
/// </summary>
public static class GrpcFrame
{
    public static byte[] Encode(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Posts the frame once; returns the Check answer, or throws naming the gRPC status that came back instead.</summary>
    public static async Task<CheckResponse> CheckOnceAsync(Uri url, byte[] frame, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.First()
            : response.Headers.TryGetValues("grpc-status", out var early) ? early.First() : "(none)";
        if (response.StatusCode != HttpStatusCode.OK || status != "0" || body.Length < 5)
        {
            var message = response.TrailingHeaders.TryGetValues("grpc-message", out var text) ? text.First()
                : response.Headers.TryGetValues("grpc-message", out var earlyText) ? earlyText.First() : "";
            throw new InvalidOperationException($"{url}: HTTP {(int)response.StatusCode}, grpc-status {status} {message}");
        }

        return CheckResponse.Parser.ParseFrom(body.AsSpan(5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4))));
    }
}
