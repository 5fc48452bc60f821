using System.Net;
using System.Net.Sockets;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Robustness;

/// <summary>A start that cannot work says why in one line and exits 2, leaving no empty database behind.</summary>
[Collection(ProcessStartCollection.Name)]
public sealed class StartFailureTests
{
    [Fact]
    public async Task A_database_folder_that_does_not_exist_is_created()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"scripto-new-folder-{Guid.NewGuid():N}");
        try
        {
            await using var server = await ScriptoProcess.StartAsync(Path.Combine(folder, "data", "scripto.db"), TimeSpan.FromSeconds(90));

            Assert.True(File.Exists(Path.Combine(folder, "data", "scripto.db")));
            Assert.Contains($"Created the folder {Path.Combine(folder, "data")} for the database", server.Log);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_folder_that_cannot_be_created_stops_the_start_with_one_line_naming_it()
    {
        var file = Path.GetTempFileName(); // a file where the folder should be
        try
        {
            await using var server = ScriptoProcess.Launch(Path.Combine(file, "data", "scripto.db"));

            Assert.Equal(2, await server.ExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains($"Scripto cannot start: the database's folder {Path.Combine(file, "data")} does not exist and cannot be created", server.Log);
            Assert.DoesNotContain("   at ", server.Log);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_start_with_one_line_and_no_stack_trace()
    {
        var path = TempDatabase.NewPath();
        await File.WriteAllTextAsync(path, "these are someone's notes, not a database\n" + new string('x', 4096));
        try
        {
            await using var server = ScriptoProcess.Launch(path);

            Assert.Equal(2, await server.ExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains($"Scripto cannot start: the database {path} cannot be used: SQLite Error 26: 'file is not a database'.", server.Log);
            Assert.DoesNotContain("   at ", server.Log);
            Assert.StartsWith("these are someone's notes", await File.ReadAllTextAsync(path));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Fact]
    public async Task An_unreachable_postgres_server_stops_the_start_with_one_line_naming_the_setting()
    {
        using var server = new ChildProcess("dotnet", [RepoPaths.WebDll, "--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Scripto"] = $"Host=127.0.0.1;Port={UnusedPort.Next()};Database=scripto;Username=scripto;Timeout=5",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });

        Assert.Equal(2, await server.ExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Scripto cannot start: the PostgreSQL database (ConnectionStrings:Scripto) cannot be used: ", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task A_wrong_setting_checked_at_start_stops_it_with_one_line_leaving_no_database()
    {
        var path = TempDatabase.NewPath();
        using var server = new ChildProcess("dotnet", [RepoPaths.WebDll, "--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["ConnectionStrings__Scripto"] = $"Data Source={path}",
            ["Security__ApiKeys__0__Key"] = "too-short",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });

        Assert.Equal(2, await server.ExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Scripto cannot start: Security:ApiKeys:0: a key must be at least 20 characters (make one with: openssl rand -hex 24).", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
        Assert.False(File.Exists(path), "the refused start made a database");
    }

    [Fact]
    public async Task A_start_that_fails_on_a_port_in_use_leaves_no_empty_database_behind()
    {
        var path = TempDatabase.NewPath();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            await using var server = ScriptoProcess.Launch(path, ((IPEndPoint)taken.LocalEndpoint).Port);

            Assert.Equal(2, await server.ExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains("Scripto cannot start: Failed to bind to address", server.Log);
            Assert.DoesNotContain("   at ", server.Log);
            Assert.False(File.Exists(path), "the failed start left its new database behind");
            Assert.False(File.Exists(path + "-wal"));
        }
        finally
        {
            taken.Stop();
            TempDatabase.Delete(path);
        }
    }
}
