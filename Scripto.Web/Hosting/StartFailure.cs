using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Scripto.Core.Persistence;

namespace Scripto.Web.Hosting;

/// <summary>
/// A start that fails for a mistake in the settings or the surroundings says so in one line (exit code 2), not with a
/// stack trace; and a database file that this failed start created is removed again, so that no empty database is left.
/// </summary>
internal static class StartFailure
{
    /// <summary>The one-line reason for a failure an operator can fix; null for a fault in Scripto (keep its trace).</summary>
    public static string? Describe(Exception error, string? databasePath) => error switch
    {
        DatabaseStartException e => e.Message,
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } e =>
            $"{e.Message} Stop what uses it, or choose another with --urls.",
        OptionsValidationException e => string.Join(" ", e.Failures),
        // ValidateOnStart: several groups wrong at once.
        AggregateException e when e.InnerExceptions.All(i => i is OptionsValidationException) =>
            string.Join(" ", e.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)),
        ArgumentException { ParamName: null } e => e.Message, // a connection string SQLite cannot read
        SqliteException e => $"the database {databasePath ?? "(in memory)"} cannot be used: {e.Message}",
        Npgsql.NpgsqlException e => $"the PostgreSQL database (ConnectionStrings:Scripto) cannot be used: {e.Message}",
        UnauthorizedAccessException e => e.Message,
        _ when FromKestrel(error) => error.Message, // an endpoint or certificate setting
        _ => null,
    };

    private static bool FromKestrel(Exception error) =>
        error.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true
        || error.TargetSite?.DeclaringType?.FullName == "Microsoft.AspNetCore.Http.BindingAddress";

    /// <summary>The database file, when this start is about to create it (so that a failure can take it back).</summary>
    public static string? NewDatabase(IConfiguration configuration)
    {
        try
        {
            var database = ScriptoApp.Database(configuration);
            return !database.OnPostgres && DatabaseSetup.DataSourcePath(database.ConnectionString) is { } path && !File.Exists(path) ? path : null;
        }
        catch (ArgumentException)
        {
            return null; // a connection string that does not parse creates nothing
        }
    }

    public static void RemoveNewDatabase(string? path)
    {
        if (path is null) return;
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
    }
}
