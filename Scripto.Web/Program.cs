using Scripto.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.BesideBinaries(AppContext.BaseDirectory),
});
builder.ReadSettingsBesideBinaries();
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
app.Run();
return 0;

public partial class Program;
