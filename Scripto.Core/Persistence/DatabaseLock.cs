namespace Scripto.Core.Persistence;

/// <summary>
/// One Scripto process per SQLite file: an exclusive lock on <c>FILE.lock</c>, held for the process's life and
/// released by the system however the process ends (kill -9 included). Two processes on one file would each keep
/// their own live view and diverge silently; and holding this is what makes a migration lock left behind by a
/// killed start safe to clear.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream? _file;

    private DatabaseLock(FileStream? file) => _file = file;

    /// <summary>No file to lock: PostgreSQL serves several nodes by design.</summary>
    public static DatabaseLock None() => new(null);

    /// <summary>The lock on the database a connection string names (none for an in-memory database).</summary>
    public static DatabaseLock Acquire(string connectionString)
    {
        if (DatabaseSetup.DataSourcePath(connectionString) is not { } path) return new DatabaseLock(null);
        var lockPath = path + ".lock";
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and macOS, a sharing mode on Windows.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new DatabaseLock(new FileStream(lockPath, options));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DatabaseStartException(
                $"another Scripto process already uses {path} (it holds {lockPath}). Stop it first: two processes on one SQLite file would each show only their own changes.");
        }
    }

    public void Dispose() => _file?.Dispose();
}
