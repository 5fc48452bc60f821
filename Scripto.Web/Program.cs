using Scripto.Web.Hosting;

// `backup FILE [settings]`: the settings that follow still apply (they say which database).
string? backupTarget = null;
if (args is ["backup", ..])
{
    if (args.Length < 2 || args[1].StartsWith('-'))
    {
        Console.Error.WriteLine("Usage: Scripto.Web backup FILE   (copies the database into FILE, safely while Scripto runs)");
        return 2;
    }
    (backupTarget, args) = (args[1], args[2..]);
}
// `config export FILE` / `config apply FILE [--dry-run] [--prune]`, settings after them as for backup.
ConfigCommand.Line? configCommand = null;
if (args is ["config", ..])
{
    (configCommand, args) = ConfigCommand.Parse(args);
    if (configCommand is null)
    {
        Console.Error.WriteLine(ConfigCommand.Usage);
        return 2;
    }
}
// `migrate-sqlite-to-postgres SQLITE_FILE [settings]`: the settings name the PostgreSQL database to copy into.
string? migrateFrom = null;
if (args is [MigrateToPostgresCommand.Name, ..])
{
    if (args.Length < 2 || args[1].StartsWith('-'))
    {
        Console.Error.WriteLine($"Usage: Scripto.Web {MigrateToPostgresCommand.Name} SQLITE_FILE   (copies that install into the configured, empty PostgreSQL database)");
        return 2;
    }
    (migrateFrom, args) = (args[1], args[2..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.BesideBinaries(AppContext.BaseDirectory),
});
builder.ReadSettingsBesideBinaries();
if (backupTarget is not null) return BackupCommand.Run(builder.Configuration, backupTarget);
if (configCommand is not null) return await ConfigCommand.RunAsync(builder.Configuration, configCommand);
if (migrateFrom is not null) return MigrateToPostgresCommand.Run(builder.Configuration, migrateFrom);

var newDatabase = StartFailure.NewDatabase(builder.Configuration);
WebApplication? app = null;
var started = false;
try
{
    builder.AddScripto();
    app = builder.Build();
    app.Lifetime.ApplicationStarted.Register(() => started = true);
    app.MigrateDatabase();
    app.UseScripto();
    app.Run();
    return 0;
}
catch (Exception error) when (!started && StartFailure.Describe(error, newDatabase ?? ScriptoApp.DatabasePath(builder.Configuration)) is { } reason)
{
    Console.Error.WriteLine($"Scripto cannot start: {reason}");
    if (app is not null) await app.DisposeAsync();
    StartFailure.RemoveNewDatabase(newDatabase);
    return 2;
}

public partial class Program;
