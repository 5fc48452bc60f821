using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Scripto.Core;

namespace Scripto.Tests.Shared;

/// <summary>
/// The real app on a real database of its own (a SQLite file, or a fresh database in the tests' PostgreSQL cluster),
/// with a clock the test controls. The database is deleted when the factory is disposed, unless the test asked to keep it.
/// </summary>
public class ScriptoFactory : WebApplicationFactory<Program>
{
    public const string RemoteHost = "scripto.example";

    public static readonly DateTimeOffset Start = new(2017, 8, 2, 14, 16, 25, TimeSpan.Zero);

    public ScriptoFactory() : this(TempDatabase.NewMigrated()) { }

    /// <summary>On a database of its own on <paramref name="provider"/>.</summary>
    public ScriptoFactory(DatabaseProvider provider, bool kestrel = false)
        : this(provider == DatabaseProvider.Postgres ? null : TempDatabase.NewMigrated(), kestrel,
            provider == DatabaseProvider.Postgres ? PostgresCluster.CreateMigratedDatabase() : null) { }

    public ScriptoFactory(string databasePath, bool kestrel = false) : this(databasePath, kestrel, null) { }

    private ScriptoFactory(string? databasePath, bool kestrel, string? postgres)
    {
        DatabasePath = databasePath!;
        _postgres = postgres;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    private readonly string? _postgres;

    /// <summary>On a PostgreSQL database the test made (several apps may share one, as nodes do).</summary>
    public static ScriptoFactory OnPostgres(string connectionString, bool kestrel = false) => new(null, kestrel, connectionString);

    public DatabaseProvider Provider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string DatabasePath { get; }
    public string ConnectionString => _postgres ?? $"Data Source={DatabasePath}";
    public FakeTimeProvider Clock { get; } = new(Start);
    public bool KeepDatabase { get; set; }
    public CapturedLogs Logs { get; } = new();

    /// <summary>Settings as in appsettings.json ("Security:Anonymous" = "None"); set them before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A client that the app sees coming from another machine (an in-process request has no address: local).</summary>
    public HttpClient CreateRemoteClient(string address = "203.0.113.7")
    {
        var handler = Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address));
        return new HttpClient(handler) { BaseAddress = new Uri($"http://{RemoteHost}") };
    }

    /// <summary>The address of the real Kestrel server (only with kestrel: true).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Scripto", ConnectionString);
        if (_postgres is not null) builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
        builder.UseSetting("Scripto:PublicUrl", $"http://{RemoteHost}"); // the name remote clients use
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepDatabase)
        {
            if (_postgres is not null) await PostgresCluster.DropDatabaseAsync(_postgres);
            else TempDatabase.Delete(DatabasePath);
        }
        GC.SuppressFinalize(this);
    }
}

public static class TempDatabase
{
    /// <summary>A path where no file is yet: the app creates and migrates the database itself.</summary>
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"scripto-test-{Guid.NewGuid():N}.db");

    /// <summary>
    /// A new file with every migration applied, copied from a template migrated once per test run: migrating each
    /// test's file anew cost hundreds of tests a migration run each. Tests of creating or migrating a database use <see cref="NewPath"/>.
    /// </summary>
    public static string NewMigrated()
    {
        var path = NewPath();
        File.Copy(Template.Value, path);
        return path;
    }

    private static readonly Lazy<string> Template = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"scripto-test-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path};Pooling=False";
        Scripto.Web.Hosting.MigrateToPostgresCommand.MigrateSqlite(connectionString);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);"; // everything in the one file that is copied
            checkpoint.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(path);
        return path;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
            File.Delete(path + suffix);
    }
}
