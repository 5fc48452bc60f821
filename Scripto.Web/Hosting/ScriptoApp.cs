using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using MudBlazor.Services;
using Scripto.Core;
using Scripto.Core.Persistence;
using Scripto.Web.Api;
using Scripto.Web.Api.V1;
using Scripto.Web.Api.V2;
using Scripto.Web.Components;
using Scripto.Web.Components.Layout;
using Scripto.Web.Components.Live;
using Scripto.Web.Operations;
using Scripto.Web.Security;
using Scripto.Web.Sharing;
using Scripto.Web.Config;

namespace Scripto.Web.Hosting;

/// <summary>The host's wiring: services, the database at start-up, the request pipeline.</summary>
internal static class ScriptoApp
{
    public static void AddScripto(this WebApplicationBuilder builder)
    {
        var core = builder.AddSettingsNow<ScriptoOptions>();
        builder.Services.AddScriptoCore(core);
        builder.AddNotifications();
        // The host logs a failed start with its stack trace; Program says it in one line instead (StartFailure).
        // A background service that fails still shows: the host logs that as Critical.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.TrustForwardedHeaders();
        builder.AddScriptoSecurity(core);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        builder.Services.AddExceptionHandler<ClientFaultHandler>();
        // No endpoint reads a form. Without this, MVC reads any body sent as a form (curl -d's default type) before the
        // action runs, and a ping's output would be lost or refused for the form's key length.
        builder.Services.AddControllers(o =>
        {
            o.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            o.Filters.Add<RefusalLog>();
        });
        // Over HTTPS (behind nginx too), the antiforgery cookie is Secure like the sign-in cookie; ASP.NET's default never is.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddApiDocs();
        builder.Services.AddOperations();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ViewerClock>();
        builder.Services.AddSingleton<ThemeStyles>();
        builder.Services.AddSingleton<StatusPageEndpoint>();
        // Open dashboards hold WebSockets that never end by themselves: without a cap every restart waits the
        // default 30 s for them. Reports in flight finish well within this; the writer drains its queue when it stops.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
    }

    /// <summary>
    /// Only which database the settings name (Database:Provider, ConnectionStrings:Scripto), whatever else in them is
    /// wrong: for backup, which copies it, and for a failed start, which names it and removes it if it made it.
    /// Everything else reads <see cref="ScriptoOptions"/> bound and validated (Settings).
    /// </summary>
    public static ScriptoOptions Database(IConfiguration configuration)
    {
        var database = new ScriptoOptions { Provider = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite) };
        return configuration.GetConnectionString("Scripto") is { } connectionString ? database with { ConnectionString = connectionString } : database;
    }

    /// <summary>The database file the settings name, for messages; null when in memory, on PostgreSQL or not a connection string.</summary>
    public static string? DatabasePath(IConfiguration configuration)
    {
        var database = Database(configuration);
        if (database.OnPostgres) return null;
        try
        {
            return DatabaseSetup.DataSourcePath(database.ConnectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static void MigrateDatabase(this WebApplication app)
    {
        // Every settings group now, not only when the host starts (ValidateOnStart): before the database is touched.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var options = app.Services.GetRequiredService<ScriptoOptions>();
        if (!options.OnPostgres) DatabaseSetup.EnsureFolder(options.ConnectionString, app.Logger);
        app.Services.GetRequiredService<DatabaseLock>(); // no other Scripto process on this SQLite file from here on
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>();
        // PostgreSQL: nodes starting together migrate (the scripts' tables and the users') one after the other.
        using (DatabaseSetup.LockForMigrations(options))
        {
            DatabaseSetup.Migrate(contexts, app.Logger);
            app.Logger.LogInformation("Scripto database: {Path}", options.OnPostgres ? PostgresName(options.ConnectionString)
                : DatabasePath(app.Configuration) ?? "(in memory)");
            app.PrepareSecurity();
        }
    }

    /// <summary>Where a PostgreSQL connection string points, without its password.</summary>
    public static string PostgresName(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    public static void UseScripto(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address, scheme and host
        app.UsePublicAddress();
        app.StartMetrics();
        app.UseMiddleware<RequestOriginGuard>(); // before any endpoint: see it for why
        app.UseHsts(); // over HTTPS only (behind nginx: X-Forwarded-Proto), and never for localhost
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseScriptoSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapControllers();
        app.MapScriptsV1Writes();
        app.MapPings();
        app.MapApiDocs();
        app.MapOperations();
        app.MapAccount();
        app.MapBadges();
        StatusPageEndpoint.Map(app);
        app.MapConfig();
        app.MapConfigApply();
        app.MapUnknownApiEndpoints();
        // Live pages' sockets stay compressed (and framed by this origin only, Blazor's default policy), but each message
        // is compressed afresh: a compressor kept between messages holds zlib's state (256 KB by zlib's own formula for a
        // 32 KB window) in native memory for every open page.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ConfigureWebSocketAcceptContext = (_, accept) =>
        {
            accept.DangerousEnableCompression = true;
            accept.DisableServerContextTakeover = true;
            return Task.CompletedTask;
        });
    }
}
