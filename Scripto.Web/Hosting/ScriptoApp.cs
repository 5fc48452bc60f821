using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
            KeepRuns = int.TryParse(builder.Configuration["Runs:Keep"] ?? "100", out var keep)
                ? keep
                : throw new ArgumentException($"Runs:Keep must be a whole number, not '{builder.Configuration["Runs:Keep"]}'."),
        });
        builder.TrustForwardedHeaders();
        builder.Services.AddProblemDetails();
        // No endpoint reads a form. Without this, MVC reads any body sent as a form (curl -d's default type) before the
        // action runs, and a ping's output would be lost or refused for the form's key length.
        builder.Services.AddControllers(o =>
        {
            o.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        });
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
        app.UseForwardedHeaders(); // first: everything after sees the client's address, scheme and host
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
