using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Scripto.Core.Writing;

/// <summary>
/// How the writer's connection waits while another connection holds SQLite's write lock (the notification planner's
/// transaction: under a burst of alerts one every 100 ms, held a few to tens of milliseconds): it tries again every
/// millisecond, for the same 5 s as busy_timeout. SQLite's own handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50,
/// then 100 ms between tries, so a lock held 30 ms cost the writer up to 53 ms and one held 230 ms up to 328 ms, with
/// every report of the batch waiting (bench/README.md, "Seventh pass"). Set through sqlite3.h's public
/// <c>sqlite3_busy_handler</c>, which SQLitePCL.raw does not wrap; it replaces the connection's busy_timeout.
/// </summary>
internal static class WriterLockWait
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5); // SqlitePragmas' busy_timeout

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int tries);

    private static readonly BusyHandler Handler = Wait; // kept alive for as long as SQLite may call it
    private static readonly IntPtr HandlerPointer = Marshal.GetFunctionPointerForDelegate(Handler);

    [ThreadStatic] private static long t_since; // when this thread began waiting for the lock (the writer's loop, one connection at a time)

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, IntPtr handler, IntPtr argument);

    public static void Install(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SqliteException.ThrowExceptionForRC(sqlite3_busy_handler(handle.DangerousGetHandle(), HandlerPointer, IntPtr.Zero), handle);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>SQLite's question, asked each time the lock is still taken: 1 to try again, 0 to give up (SQLITE_BUSY).</summary>
    private static int Wait(IntPtr argument, int tries)
    {
        if (tries == 0) t_since = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(t_since) >= Limit) return 0;
        Thread.Sleep(1);
        return 1;
    }
}
