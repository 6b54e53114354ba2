using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Repro.Fingerprints;

/// <summary>
/// The file id the OS keeps for a file: a file replaced by another (a rename over it, an extracted archive) gets a new
/// one even when its size and time are the same. .NET has no API for it, so this asks the OS; where that fails, null.
/// </summary>
internal static class FileIdentity
{
    public static string? Of(string path)
    {
        try
        {
            return OperatingSystem.IsWindows() ? Windows(path)
                : OperatingSystem.IsLinux() ? Linux(path)
                : OperatingSystem.IsMacOS() ? MacOS(path)
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // statx(2) rather than stat(2): its struct has the same layout on every Linux architecture.
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    private static string? Linux(string path)
    {
        var buffer = new byte[StatxSize];
        if (statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
        {
            return null;
        }

        // struct statx, in native byte order: stx_mask at byte 0, stx_ino at 32, stx_dev_major and stx_dev_minor at 136 and 140.
        var span = buffer.AsSpan();
        if ((MemoryMarshal.Read<uint>(span) & StatxIno) == 0)
        {
            return null;
        }

        var inode = MemoryMarshal.Read<ulong>(span[32..]);
        var major = MemoryMarshal.Read<uint>(span[136..]);
        var minor = MemoryMarshal.Read<uint>(span[140..]);
        return $"{major}:{minor}:{inode}";
    }

    // struct stat with 64-bit inodes: st_dev (int32) at byte 0, st_ino (uint64) at byte 8; x64 names it stat$INODE64.
    private static string? MacOS(string path)
    {
        var buffer = new byte[256];
        var result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? stat_x64(path, buffer) : stat_arm64(path, buffer);
        if (result != 0)
        {
            return null;
        }

        return $"{MemoryMarshal.Read<int>(buffer.AsSpan())}:{MemoryMarshal.Read<ulong>(buffer.AsSpan(8))}";
    }

    private static string? Windows(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return GetFileInformationByHandle(handle, out var info)
            ? $"{info.VolumeSerialNumber:x8}:{info.FileIndexHigh:x8}{info.FileIndexLow:x8}"
            : null;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, [Out] byte[] statxbuf);

    [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
    private static extern int stat_x64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buf);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int stat_arm64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buf);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

    // BY_HANDLE_FILE_INFORMATION: its FILETIMEs are pairs of DWORDs, so nothing is aligned beyond 4 bytes.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public ulong CreationTime;
        public ulong LastAccessTime;
        public ulong LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}
