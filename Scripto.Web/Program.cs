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

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.BesideBinaries(AppContext.BaseDirectory),
});
builder.ReadSettingsBesideBinaries();
if (backupTarget is not null) return BackupCommand.Run(builder.Configuration, backupTarget);
try
{
    builder.AddScripto();
}
catch (ArgumentException bad) // a setting out of range: say which, not a stack trace
{
    Console.Error.WriteLine($"Scripto cannot start: {bad.Message.Replace(" (Parameter 'options')", "")}");
    return 2;
}

var app = builder.Build();
app.MigrateDatabase();
app.UseScripto();
try
{
    app.Run();
}
catch (IOException bind) when (bind.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"Scripto cannot start: {bind.Message} Stop what uses it, or choose another with --urls.");
    return 2;
}
return 0;

public partial class Program;
