using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Scripto.Core;
using Scripto.Core.Time;
using Scripto.Core.Persistence;
using Scripto.Web.Components;
using Scripto.Web.Components.Live;

namespace Scripto.Web.Hosting;

/// <summary>The host's wiring: services, the database at start-up, the request pipeline.</summary>
internal static class ScriptoApp
{
    public static void AddScripto(this WebApplicationBuilder builder)
    {
        builder.Services.AddScriptoCore(new ScriptoOptions
        {
            ConnectionString = builder.Configuration.GetConnectionString("Scripto") ?? "Data Source=scripto.db",
            Synchronous = builder.Configuration["Storage:Synchronous"] ?? "NORMAL",
            KeepRuns = builder.Configuration.GetValue("Runs:Keep", 100),
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddControllers();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ViewerClock>();
        // Open dashboards hold WebSockets that never end by themselves: without a cap every restart waits the
        // default 30 s for them. Reports in flight finish well within this; the writer drains its queue on dispose.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
    }

    public static void MigrateDatabase(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>();
        DatabaseSetup.Migrate(contexts);
        var path = DatabaseSetup.DataSourcePath(app.Configuration.GetConnectionString("Scripto") ?? "");
        app.Logger.LogInformation("Scripto database: {Path}", path ?? "(in memory)");
    }

    public static void UseScripto(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapControllers();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Services.GetRequiredService<TimeTicker>(); // starts "time passed" on the change feed
        app.Services.GetRequiredService<TimeWorker>().Start();
        app.Services.GetRequiredService<Checkpointer>().Start();
    }
}
