using System.Security.Cryptography;
using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// Where a Pull puts bytes before they are proven: <c>&lt;run store&gt;/.pull/&lt;random&gt;/</c>, on the run store's
/// own disk so the final move is a rename. Nothing reaches a run folder before its SHA-256 is the one on record, and a
/// Pull that is killed leaves its staging folder, which the next Pull removes (its lock is no longer held).
/// </summary>
internal sealed class PullStaging : IDisposable
{
    private const string LockName = ".lock";
    private readonly FileStream _lock;

    /// <param name="root">The run store's staging folder (<see cref="Runs.RunStore.StagingDirectory"/>).</param>
    public PullStaging(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
            RemoveAbandoned(root);
            Folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            _lock = new FileStream(Path.Combine(Folder, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReproException(ErrorCode.RunStoreUnwritable,
                $"the run store '{Path.GetDirectoryName(root)}' cannot be written ({e.Message}): make it writable or point -p:ReproRunsDir at another folder.", e);
        }
    }

    public string Folder { get; }

    /// <summary>
    /// Downloads <paramref name="key"/> to a staging file and returns it once its SHA-256 and size are the expected ones.
    /// A blob that is not is deleted and refused (REPRO0082); a missing one is REPRO0084.
    /// </summary>
    public async Task<string> FetchAsync(IRemoteStore remote, string key, string sha256, long bytes, string shownAs, IRunLog log, CancellationToken cancellation)
    {
        var file = Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        string actual;
        long length;
        try
        {
            await using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var hashing = new HashingStream(output, hash);
                if (!await remote.DownloadAsync(key, hashing, TransferProgress.For(log, "pulling", shownAs, bytes), cancellation))
                {
                    throw new ReproException(ErrorCode.NotOnRemote,
                        $"{shownAs} (sha256 {sha256[..12]}…) is not on the remote '{remote.Location}': push the run from the machine that trained it (`dotnet build -t:Push`).");
                }

                await output.FlushAsync(cancellation);
                actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
                length = hashing.Written;
            }
        }
        catch
        {
            File.Delete(file);
            throw;
        }

        if (actual != sha256 || (bytes >= 0 && length != bytes))
        {
            File.Delete(file);
            throw new ReproException(ErrorCode.RemoteContentMismatch,
                $"{shownAs} on the remote '{remote.Location}' is not the file on record (sha256 {sha256[..12]}…, {bytes} bytes; the remote sent {actual[..12]}…, {length} bytes): " +
                "it was refused and nothing was written. Push the run again from a machine that has the right file, or remove that blob from the remote.");
        }

        return file;
    }

    /// <summary>Copies a local file to a staging file, hashing it on the way so it is read once; the caller judges the hash.</summary>
    public (string File, string Sha256) Copy(string source)
    {
        var file = Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        try
        {
            using var input = InputFile.Read(source, p => File.OpenRead(p));
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                input.CopyTo(new HashingStream(output, hash), 1 << 20);
            }

            return (file, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant());
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>Moves a proven file into place; false when the place is already taken (another Pull was first).</summary>
    public static bool Place(string staged, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        try
        {
            File.Move(staged, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            File.Delete(staged);
            return false;
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
            // Left empty, the staging root goes too: a run store after a Pull looks as before it.
            if (!Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(Folder)!).Any())
            {
                Directory.Delete(Path.GetDirectoryName(Folder)!);
            }
        }
        catch (IOException)
        {
            // The next Pull removes it; another Pull may have just made its own folder beside ours.
        }
    }

    private static void RemoveAbandoned(string root)
    {
        foreach (var folder in Directory.GetDirectories(root))
        {
            try
            {
                // A live Pull holds its lock open exclusively; one that can be opened belongs to a Pull that is gone.
                using (new FileStream(Path.Combine(folder, LockName), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (FileNotFoundException)
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Held: another Pull is running.
            }
        }
    }

    /// <summary>Hashes what passes through on its way to the file, so a blob is read once.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
