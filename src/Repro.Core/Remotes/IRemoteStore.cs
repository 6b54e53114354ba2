namespace Repro.Remotes;

/// <summary>
/// Where a team keeps the bytes git should not hold: a folder (a share, <c>file://</c>) or an Azure Blob container.
/// Keys are '/'-separated and relative to the remote's root: content goes to <c>&lt;sha256[0..2]&gt;/&lt;sha256&gt;</c>,
/// run manifests to <c>runs/&lt;RunId&gt;.json</c>, group manifests to <c>groups/&lt;GroupId&gt;.json</c>.
/// A key is written once: <see cref="CreateAsync"/> never overwrites, and what it writes appears whole or not at all.
/// Transport failures surface as <see cref="Diagnostics.ReproException"/> with <c>REPRO0081</c>.
/// </summary>
public interface IRemoteStore : IDisposable
{
    /// <summary>What the remote is, for messages and records: never a credential.</summary>
    string Location { get; }

    /// <summary>Every key under <paramref name="prefix"/> ("" for all), in no particular order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellation);

    /// <summary>
    /// Writes <paramref name="sourceFile"/> under <paramref name="key"/> if no blob has that key (a conditional create).
    /// Returns false, writing nothing, when the key already exists. <paramref name="progress"/> gets bytes sent so far.
    /// </summary>
    Task<bool> CreateAsync(string key, string sourceFile, IProgress<long>? progress, CancellationToken cancellation);

    /// <summary>Copies the blob under <paramref name="key"/> into <paramref name="destination"/>; false when there is none.</summary>
    Task<bool> DownloadAsync(string key, Stream destination, IProgress<long>? progress, CancellationToken cancellation);
}
