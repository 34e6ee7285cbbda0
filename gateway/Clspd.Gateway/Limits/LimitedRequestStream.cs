namespace Clspd.Gateway.Limits;

/// <summary>
/// The request body as the proxy reads it, failing once more than <c>limit</c> bytes came through.
/// The proxy disables Kestrel's body size limit for gRPC (streaming) requests, so the limit is
/// enforced here, while the bytes flow, without buffering the call.
/// </summary>
public sealed class LimitedRequestStream(Stream inner, long limit) : Stream
{
    private long _read;

    /// <summary>Whether the body went over the limit (the call was cut).</summary>
    public bool LimitExceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            LimitExceeded = true;
            throw new BadHttpRequestException($"request body larger than {limit} bytes", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
