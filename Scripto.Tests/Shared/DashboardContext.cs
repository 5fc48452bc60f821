using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Schedules;
using Scripto.Core.Time;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Shared;

/// <summary>
/// bUnit with MudBlazor and the real Scripto.Core on a SQLite file of its own; scripts are seeded through the
/// real write path and the clock is fake, so time passes only when a test says so.
/// </summary>
public sealed class DashboardContext : IAsyncLifetime
{
    private readonly string _path = TempDatabase.NewPath();

    public DashboardContext()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Bunit.Services.AddSingleton<TimeProvider>(Clock);
        Bunit.Services.AddScoped<Scripto.Web.Components.Live.ViewerClock>();
        Bunit.Services.AddSingleton(new Scripto.Web.Security.SecurityOptions()); // anonymous from this machine, the default
        Bunit.Services.AddScriptoCore(new ScriptoOptions { ConnectionString = $"Data Source={_path}" });
        Bunit.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Bunit { get; } = new();
    public string ConnectionString => $"Data Source={_path}";
    public FakeTimeProvider Clock { get; } = new(ScriptoFactory.Start);
    public ScriptWriter Writer => Bunit.Services.GetRequiredService<ScriptWriter>();
    public ScriptChangeFeed Feed => Bunit.Services.GetRequiredService<ScriptChangeFeed>();

    public Task InitializeAsync()
    {
        DatabaseSetup.Migrate(Bunit.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
        Bunit.Services.GetRequiredService<TimeTicker>(); // time passing reaches the dashboards, as in the app
        Bunit.Services.GetRequiredService<TimeWorker>().Start();
        return Task.CompletedTask;
    }

    /// <summary>A script that last ran <paramref name="ago"/> before the fake clock's now.</summary>
    public async Task<long> SeedAsync(string name, bool? status, TimeSpan? ago = null, Periodicity? periodicity = null, string server = "srv")
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var result = await Writer.CreateAsync(new ScriptChanges
        {
            Name = name,
            Server = server,
            Status = status,
            LastExec = ago is { } a ? now - a : (DateTime?)null,
            Schedule = periodicity is { } p ? Schedule.Every(p) : Schedule.None,
            FromV1 = true, // seeded as v1 would: late is measured from the last run
        });
        return result.Script!.Id;
    }

    public async Task DisposeAsync()
    {
        await Bunit.DisposeAsync();
        TempDatabase.Delete(_path);
    }
}
