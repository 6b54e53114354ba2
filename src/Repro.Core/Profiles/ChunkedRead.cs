using System.Security.Cryptography;

namespace Repro.Profiles;

/// <summary>
/// Reads delimited text in buffers cut after their last line break. Each buffer is hashed in file order, and read by a
/// scanner of its own on any free core; the scanners are added to the file's scanner in file order. The cuts depend on
/// the bytes alone, so the profile is the same on any number of cores. A buffer with quotes (a row may hide a line
/// break) is read by the file's scanner itself, once every buffer before it has been added.
/// </summary>
internal sealed class ChunkedRead(Stream stream, DelimitedScanner scanner, int inFlight)
{
    public const int BufferBytes = 1 << 20;

    private readonly Queue<Chunk> _pending = new();
    private readonly Stack<byte[]> _buffers = new();
    private readonly Stack<DelimitedScanner> _spare = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Task _hashed = Task.CompletedTask;
    /// <summary>Set once a buffer brought columns the file's scanner did not have: every later buffer is read by it, in order.</summary>
    private bool _inOrder;

    private sealed record Chunk(byte[] Buffer, int Length, bool EndOfFile, Task Hashed, Task<DelimitedScanner>? Scanned);

    /// <summary>Reads the whole stream into the scanner; gives its SHA-256 and its length.</summary>
    public (string Sha256, long Bytes) Run()
    {
        using var sha256 = _sha256;
        byte[]? previous = null;
        var (carryStart, carryLength) = (0, 0);
        long bytes = 0;
        while (true)
        {
            var buffer = Rent(carryLength);
            if (carryLength > 0)
            {
                Buffer.BlockCopy(previous!, carryStart, buffer, 0, carryLength);
            }

            var read = stream.ReadAtLeast(buffer.AsSpan(carryLength), buffer.Length - carryLength, throwOnEndOfStream: false);
            bytes += read;
            var filled = carryLength + read;
            var endOfFile = filled < buffer.Length;
            var hashed = Hash(buffer, carryLength, read);
            var text = buffer.AsSpan(0, filled);
            var last = endOfFile ? filled - 1 : text.LastIndexOf((byte)'\n');
            Task<DelimitedScanner>? scanned = null;
            int cut;
            if (!_inOrder && last >= 0 && scanner.CanSplit(text))
            {
                cut = last + 1;
                scanned = Scan(buffer, cut, endOfFile);
            }
            else
            {
                Drain();
                cut = scanner.Scan(text, endOfFile);
            }

            _pending.Enqueue(new Chunk(buffer, cut, endOfFile, hashed, scanned));
            while (_pending.Count > inFlight)
            {
                Retire();
            }

            if (endOfFile)
            {
                break;
            }

            (previous, carryStart, carryLength) = (buffer, cut, filled - cut);
        }

        Drain();
        return (Convert.ToHexString(sha256.GetHashAndReset()).ToLowerInvariant(), bytes);
    }

    /// <summary>A buffer for the carried bytes and at least as many more; one row longer than a buffer gets one twice its size.</summary>
    private byte[] Rent(int carry)
    {
        var size = Math.Max(BufferBytes, carry * 2);
        return _buffers.TryPeek(out var free) && free.Length >= size ? _buffers.Pop() : new byte[size];
    }

    private Task Hash(byte[] buffer, int start, int count) =>
        _hashed = _hashed.ContinueWith(_ => _sha256.AppendData(buffer, start, count), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private Task<DelimitedScanner> Scan(byte[] buffer, int length, bool endOfFile)
    {
        var next = scanner.Continuation(_spare.TryPop(out var spare) ? spare : null);
        return Task.Run(() =>
        {
            next.Scan(buffer.AsSpan(0, length), endOfFile);
            return next;
        });
    }

    /// <summary>Adds the oldest buffer's rows to the file's scanner (read again by it when they brought new columns).</summary>
    private void Retire()
    {
        var chunk = _pending.Dequeue();
        if (chunk.Scanned is { } scanned)
        {
            var next = scanned.GetAwaiter().GetResult();
            if (_inOrder || !scanner.Merge(next))
            {
                _inOrder = true;
                scanner.Scan(chunk.Buffer.AsSpan(0, chunk.Length), chunk.EndOfFile);
            }

            _spare.Push(next);
        }

        chunk.Hashed.GetAwaiter().GetResult();
        if (chunk.Buffer.Length == BufferBytes)
        {
            _buffers.Push(chunk.Buffer);
        }
    }

    private void Drain()
    {
        while (_pending.Count > 0)
        {
            Retire();
        }
    }
}
