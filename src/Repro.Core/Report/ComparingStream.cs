namespace Repro.Report;

/// <summary>
/// A stream that writes nothing: it compares what it is given with what a readable stream holds, in the same order, so
/// a file can be checked against content that is rendered, never held whole.
/// </summary>
internal sealed class ComparingStream(Stream expected) : Stream
{
    private readonly byte[] _buffer = new byte[16 * 1024];

    /// <summary>False once a byte differed or the expected stream ended first.</summary>
    public bool Same { get; private set; } = true;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (Same && buffer.Length > 0)
        {
            var read = expected.Read(_buffer, 0, Math.Min(_buffer.Length, buffer.Length));
            Same = read > 0 && buffer[..read].SequenceEqual(_buffer.AsSpan(0, read));
            buffer = buffer[read..];
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
