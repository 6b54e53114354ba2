using Repro.Diagnostics;

namespace Repro.Remotes;

/// <summary>
/// A remote in a folder: a network share, a mounted bucket, a path on a CI cache. A blob is copied to a temporary
/// name beside its place and moved there without replacing, so a reader never sees half a file and two writers of
/// the same content cannot spoil each other (content-addressed: both hold the same bytes). The folder itself is never
/// created: an unmounted share must fail loudly, not look like an empty remote.
/// </summary>
public sealed class FolderRemote(string root) : IRemoteStore
{
    private const string TemporarySuffix = ".uploading";

    public string Root { get; } = Path.GetFullPath(root);

    public string Location => Root;

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellation)
    {
        var keys = new List<string>();
        var start = Path.Combine(Root, prefix.Replace('/', Path.DirectorySeparatorChar));
        var directory = prefix.Length == 0 || prefix.EndsWith('/') ? start : Path.GetDirectoryName(start)!;
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    cancellation.ThrowIfCancellationRequested();
                    var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
                    if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.Contains(TemporarySuffix, StringComparison.Ordinal))
                    {
                        keys.Add(key);
                    }
                }
            }
            else if (!Directory.Exists(Root))
            {
                throw Unavailable($"the folder '{Root}' does not exist", null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e.Message, e);
        }

        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public async Task<bool> CreateAsync(string key, string sourceFile, IProgress<long>? progress, CancellationToken cancellation)
    {
        var target = PathOf(key);
        if (File.Exists(target))
        {
            return false;
        }

        var temporary = $"{target}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var source = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await Copy(source, destination, progress, cancellation);
                await destination.FlushAsync(cancellation);
                destination.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e.Message, e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<bool> DownloadAsync(string key, Stream destination, IProgress<long>? progress, CancellationToken cancellation)
    {
        var path = PathOf(key);
        try
        {
            if (!File.Exists(path))
            {
                if (!Directory.Exists(Root))
                {
                    throw Unavailable($"the folder '{Root}' does not exist", null);
                }

                return false;
            }

            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await Copy(source, destination, progress, cancellation);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(e.Message, e);
        }
    }

    public void Dispose()
    {
    }

    private string PathOf(string key) => Path.Combine(Root, RemoteKeys.Checked(key).Replace('/', Path.DirectorySeparatorChar));

    private ReproException Unavailable(string why, Exception? inner) =>
        new(ErrorCode.RemoteUnavailable, $"the remote '{Root}' failed ({why}): make the folder reachable and writable, then run the verb again.", inner);

    internal static async Task Copy(Stream source, Stream destination, IProgress<long>? progress, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 20];
        long moved = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellation);
            moved += read;
            progress?.Report(moved);
        }
    }
}
