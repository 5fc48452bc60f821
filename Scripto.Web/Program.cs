using Scripto.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.ReadSettingsBesideBinaries();
builder.AddScripto();

var app = builder.Build();
app.MigrateDatabase();
app.UseScripto();
app.Run();

public partial class Program;
