using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Scripto.Core.Changes;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Shared;

/// <summary>
/// bUnit with MudBlazor over the real Scripto.Core of <see cref="CoreServices"/> (a SQLite file of its own, its
/// hosted services running); scripts are seeded through the real write path and the clock is fake, so time passes
/// only when a test says so.
/// </summary>
public sealed class DashboardContext : IAsyncLifetime
{
    // bUnit waits a second by default; seven engineers' builds share this machine's two cores. A wait ends as soon
    // as its assertion holds, so a longer bound costs a passing test nothing.
    static DashboardContext() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <param name="services">More services for the test (bUnit's authorization, say): added before the renderer reads any.</param>
    public DashboardContext(Action<BunitContext>? services = null)
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Bunit.Services.AddSingleton<TimeProvider>(Clock); // for the services bUnit builds itself
        Bunit.Services.AddLogging(logging => logging.AddProvider(Core.Logs)); // what the pages log, beside the core's
        Bunit.Services.AddScoped<Scripto.Web.Components.Live.ViewerClock>();
        Bunit.Services.AddSingleton(new Scripto.Web.Security.SecurityOptions()); // anonymous from this machine, the default
        Bunit.Services.AddFallbackServiceProvider(Core.Provider);
        services?.Invoke(Bunit);
        Bunit.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public CoreServices Core { get; } = new();
    public BunitContext Bunit { get; } = new();
    public string ConnectionString => Core.ConnectionString;
    public FakeTimeProvider Clock => Core.Clock;
    public ScriptWriter Writer => Core.Get<ScriptWriter>();
    public ScriptChangeFeed Feed => Core.Get<ScriptChangeFeed>();

    public Task InitializeAsync() => Task.CompletedTask;

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
        await Core.DisposeAsync();
    }
}
