using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary>The documented backup command, run as a process against a database the app is writing to.</summary>
public sealed class BackupTests : ApiTest
{
    private readonly string _target = TempDatabase.NewPath();

    [Fact]
    public async Task A_backup_taken_while_reports_arrive_is_a_whole_database()
    {
        for (var i = 0; i < 50; i++)
            (await Client.PostAsync($"/api/v2/ping/job-{i}?server=db-1", null)).EnsureSuccessStatusCode();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                (await Client.PostAsync($"/api/v2/ping/job-{i % 50}/{i % 2}?server=db-1", null)).EnsureSuccessStatusCode();
        });

        var (exit, output) = await RunBackupAsync(_target);
        await stop.CancelAsync();
        await load;

        Assert.True(exit == 0, output);
        Assert.Contains($"to {_target}", output);
        var backup = $"Data Source={_target};Mode=ReadOnly;Pooling=False";
        Assert.Equal("ok", DatabaseContents.Scalar(backup, "PRAGMA integrity_check"));
        Assert.Equal(50L, DatabaseContents.Scalar(backup, "SELECT count(*) FROM Scripts"));
        Assert.True((long)DatabaseContents.Scalar(backup, "SELECT count(*) FROM Runs")! >= 50);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file()
    {
        await File.WriteAllTextAsync(_target, "precious");
        var (exit, output) = await RunBackupAsync(_target);
        Assert.Equal(1, exit);
        Assert.Contains("already exists", output);
        Assert.Equal("precious", await File.ReadAllTextAsync(_target));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_backups_are_readable_by_their_owner_only()
    {
        (await Client.PostAsync("/api/v2/ping/backup?server=db-1", null)).EnsureSuccessStatusCode();
        var (exit, output) = await RunBackupAsync(_target);
        Assert.True(exit == 0, output);

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(App.DatabasePath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(App.DatabasePath + "-wal"));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(App.DatabasePath + "-shm"));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(_target));
    }

    [Fact]
    public async Task On_postgres_the_backup_command_copies_nothing_and_points_to_pg_dump()
    {
        using var process = new ChildProcess("dotnet",
            [RepoPaths.WebDll, "backup", _target, "--Database:Provider=Postgres", "--ConnectionStrings:Scripto=Host=127.0.0.1;Database=scripto"]);

        Assert.Equal(2, await process.ExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("pg_dump", process.Output);
        Assert.False(File.Exists(_target));
    }

    private async Task<(int Exit, string Output)> RunBackupAsync(string target)
    {
        using var process = new ChildProcess("dotnet",
            [RepoPaths.WebDll, "backup", target, $"--ConnectionStrings:Scripto={App.ConnectionString}"]);
        var exit = await process.ExitAsync(TimeSpan.FromSeconds(30));
        return (exit, process.Output);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode(); // the app is up and its database migrated
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(_target);
    }
}
