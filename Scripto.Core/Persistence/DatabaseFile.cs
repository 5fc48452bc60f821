using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scripto.Core.Persistence;

/// <summary>Questions about the file under an open connection that SQL cannot answer.</summary>
internal static class DatabaseFile
{
    private const int SqliteFcntlHasMoved = 20;
    private static readonly byte[] Main = "main\0"u8.ToArray();

    /// <summary>
    /// Whether the file this connection writes to is no longer the one its name opens (deleted, or replaced): SQLite
    /// compares the open file's inode with the name's, one stat(). What is written there is lost at the next start.
    /// </summary>
    public static bool HasMoved(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || OperatingSystem.IsWindows()) return false;
        var moved = 0;
        return sqlite3_file_control(handle, Main, SqliteFcntlHasMoved, ref moved) == 0 && moved != 0;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int sqlite3_file_control(sqlite3 db, byte[] zDbName, int op, ref int arg);
}
