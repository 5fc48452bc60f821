using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Scripto.Core.Writing;

/// <summary>
/// How the writer's connection waits for the write lock another connection holds (the notification planner's
/// transaction, a pruning or settings change made elsewhere): it looks again every millisecond, up to the 5 s of
/// <c>busy_timeout</c>. SQLite's own handler sleeps 1, 2, 5, 10, 15, 20, 25 ms ... between tries, so a lock held
/// for 20 ms held the writer back 33 ms, every report with it; under v2's flips the planner takes the lock ten times
/// a second (bench/README.md, "Seventh pass"). Installed through sqlite3.h's public <c>sqlite3_busy_handler</c>,
/// which SQLitePCL.raw does not wrap; it replaces the timeout's handler on this one connection.
/// </summary>
internal static class WriterLockWait
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5); // as SqlitePragmas' busy_timeout

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int tries);

    private static readonly BusyHandler Handler = Wait; // kept alive here: SQLite holds only its address

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, BusyHandler handler, IntPtr argument);

    [ThreadStatic]
    private static long _waitingSince;

    [ThreadStatic]
    private static TimeSpan? _budget;

    /// <summary>Until disposed, this thread's waits give up after <paramref name="budget"/> instead of 5 s.</summary>
    public static Budget AtMost(TimeSpan budget)
    {
        var previous = _budget;
        _budget = budget;
        return new Budget(previous);
    }

    public readonly struct Budget(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => _budget = previous;
    }

    /// <summary>On the writer's open connection; false if it could not be installed (SQLite's handler stays).</summary>
    public static bool Install(SqliteConnection connection)
    {
        if (connection.Handle is not { IsInvalid: false } handle) return false;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return sqlite3_busy_handler(handle.DangerousGetHandle(), Handler, IntPtr.Zero) == 0;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>SQLite's callback: nonzero to try again. <paramref name="tries"/> counts from 0 at each step of a statement.</summary>
    private static int Wait(IntPtr argument, int tries)
    {
        // SQLite counts from 0 at each step of a statement: the budget covers every lock that one step waits for.
        if (tries == 0) _waitingSince = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(_waitingSince) >= (_budget ?? Timeout)) return 0;
        // A few yields first (on a busy machine the holder may only need the CPU), then a millisecond at a time.
        if (tries < 4) Thread.Yield();
        else Thread.Sleep(1);
        return 1;
    }
}
