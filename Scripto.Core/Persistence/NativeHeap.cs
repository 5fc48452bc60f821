using System.Runtime.InteropServices;

namespace Scripto.Core.Persistence;

/// <summary>
/// SQLite's page caches live in the C heap (glibc's malloc), a page at a time. Every connection empties its cache
/// whenever another one committed (each reader at each read after a writer's commit; the writer after each of the
/// planner's passes), freeing up to thousands of 4 KiB pages at once; glibc then gave the heap's free top back to the
/// kernel (more than 128 KiB free: its trim threshold) and the cache's refill took it back, a page fault per 4 KiB,
/// zeroed by the kernel: 3.6 % of the server's CPU under v2 pings (bench/README.md, "Eleventh pass"). A trim threshold
/// of <see cref="TrimThreshold"/> keeps that much free at a heap's top for the next refill; memory above it is still
/// given back. Linux with glibc only (musl and other systems have no mallopt of this kind: nothing is done there).
/// </summary>
internal static class NativeHeap
{
    private const int MTrimThreshold = -1; // M_TRIM_THRESHOLD (malloc.h)

    /// <summary>The writer's page cache (16 MiB) and a few readers' (2 MiB each) emptied and filled again.</summary>
    internal const int TrimThreshold = 32 * 1024 * 1024;

    private static readonly Lazy<bool> Kept = new(SetTrimThreshold);

    [DllImport("libc.so.6", EntryPoint = "mallopt")] // glibc; not "libc", which may name the linker script libc.so
    private static extern int Mallopt(int param, int value);

    /// <summary>Sets glibc's trim threshold once per process; whether it is set (false where it cannot be: not glibc).</summary>
    public static bool KeepFreedPages() => Kept.Value;

    private static bool SetTrimThreshold()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
