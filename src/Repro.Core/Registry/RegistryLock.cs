using System.Security.Cryptography;
using System.Text;
using Repro.Diagnostics;

namespace Repro.Registry;

/// <summary>
/// An exclusive lock on one registry folder, across threads and processes: an open file that no one else may open.
/// The lock file lives in the temp folder, so the registry a team commits holds only its records.
/// </summary>
internal static class RegistryLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static IDisposable Acquire(string folder)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..32];
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "repro-locks")).FullName, name + ".lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
            catch (IOException e)
            {
                throw new ReproException(ErrorCode.DamagedRegistry,
                    $"the registry folder '{folder}' stayed locked by another build for {Patience.TotalSeconds} s: try again when it has finished.", e);
            }
        }
    }
}
