using System.Buffers.Binary;

namespace Clspd.Gateway.Limits;

/// <summary>
/// The request body as the proxy reads it, failing once more than <c>limit</c> bytes came through.
/// The proxy disables Kestrel's body size limit for gRPC (streaming) requests, so the limit is
/// enforced here, while the bytes flow, without buffering the call. A gRPC body is also read as
/// its frames: a message whose 5-byte prefix declares a length that would take the body over the
/// limit fails at that prefix, before the prefix reaches the service — otherwise the service,
/// seeing the declared length, answers with its own message-size status first.
/// </summary>
public sealed class LimitedRequestStream(Stream inner, long limit, bool grpcFrames = false) : Stream
{
    private const int PrefixLength = 5;

    private readonly byte[] _prefix = new byte[PrefixLength];
    private long _read;
    private long _nextFrame;

    /// <summary>Whether the body went over the limit, or declared a message that would (the call was cut).</summary>
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

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)]);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(buffer.AsSpan(offset, await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(ReadOnlySpan<byte> read)
    {
        if (grpcFrames)
        {
            ReadPrefixes(read);
        }

        _read += read.Length;
        if (_read > limit)
        {
            Exceeded();
        }

        return read.Length;
    }

    // Follows the frames (1 flag byte, 4 bytes of big-endian length, the message) across reads.
    private void ReadPrefixes(ReadOnlySpan<byte> read)
    {
        var at = _read;
        var end = _read + read.Length;
        while (at < end)
        {
            if (at < _nextFrame)
            {
                at = Math.Min(_nextFrame, end);
                continue;
            }

            var inPrefix = (int)(at - _nextFrame);
            _prefix[inPrefix] = read[(int)(at - _read)];
            at++;
            if (inPrefix == PrefixLength - 1)
            {
                var frameEnd = _nextFrame + PrefixLength + BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
                if (frameEnd > limit)
                {
                    Exceeded();
                }

                _nextFrame = frameEnd;
            }
        }
    }

    private void Exceeded()
    {
        LimitExceeded = true;
        throw new BadHttpRequestException($"request body larger than {limit} bytes", StatusCodes.Status413PayloadTooLarge);
    }
}
