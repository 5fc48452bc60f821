using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Scripto.Core.Writing;

/// <summary>
/// Flushes the SQLite database file and its log to disk from the upkeep's connection, through SQLite's own open files
/// (<c>SQLITE_FCNTL_FILE_POINTER</c>, <c>SQLITE_FCNTL_JOURNAL_POINTER</c> and the file's <c>xSync</c>, all of
/// sqlite3.h's public interface). A PASSIVE checkpoint that does not reach the end of the log (reports kept coming
/// while it copied) copies pages into the database file but never syncs it: SQLite syncs only when a checkpoint
/// reaches the end, which under load is the writer's own, between two batches, so its fsync wrote back everything
/// every PASSIVE had copied since the last one, 30-900 ms here with every report waiting (bench/README.md, "Fifth
/// pass"). Syncing after each PASSIVE, off the report path, leaves the writer only the pages copied since.
/// The file is not opened anew: closing any descriptor of a file drops every POSIX lock this process holds on it,
/// SQLite's among them.
/// </summary>
internal static class DatabaseFileSync
{
    private const int FilePointer = 7; // SQLITE_FCNTL_FILE_POINTER
    private const int JournalPointer = 28; // SQLITE_FCNTL_JOURNAL_POINTER: the write-ahead log in WAL mode
    private const int SyncNormal = 2; // SQLITE_SYNC_NORMAL

    // sqlite3_io_methods: int iVersion, then xClose, xRead, xWrite, xTruncate, xSync (the fifth pointer-sized slot).
    private static readonly int SyncSlot = 5 * IntPtr.Size;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int XSync(IntPtr file, int flags);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, [MarshalAs(UnmanagedType.LPStr)] string name, int op, out IntPtr file);

    /// <summary>Syncs the log, then the database file, of this open connection's main database; false if either could not be.</summary>
    public static bool Sync(SqliteConnection connection)
    {
        if (connection.Handle is not { IsInvalid: false } handle) return false;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var db = handle.DangerousGetHandle();
            return SyncFile(db, JournalPointer) & SyncFile(db, FilePointer);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static bool SyncFile(IntPtr db, int pointer)
    {
        if (sqlite3_file_control(db, "main", pointer, out var file) != 0 || file == IntPtr.Zero) return false;
        var methods = Marshal.ReadIntPtr(file); // sqlite3_file.pMethods: null while the file is not open
        if (methods == IntPtr.Zero) return false;
        var sync = Marshal.ReadIntPtr(methods, SyncSlot);
        return sync != IntPtr.Zero && Marshal.GetDelegateForFunctionPointer<XSync>(sync)(file, SyncNormal) == 0;
    }
}
