using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Scripto.Core;
using Scripto.Core.Changes;
using Scripto.Core.Nodes;
using Scripto.Core.Persistence;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Nodes;

/// <summary>
/// A node's time worker under a leadership the test hands over: it flips nothing while the node follows, and flips the
/// overdue at once when the node comes to lead. Scripto.Core on SQLite as CoreServices runs it, with a fake clock.
/// </summary>
public sealed class FollowerWorkersTests : IAsyncLifetime
{
    private sealed class HandedLeadership : NodeLeadership
    {
        public void Take() => Lead();
    }

    private readonly HandedLeadership _leadership = new();
    private readonly FakeTimeProvider _clock = new(ScriptoFactory.Start);
    private readonly string _path = TempDatabase.NewPath();
    private IHost _host = null!;

    private string ConnectionString => $"Data Source={_path}";

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddScriptoCore(new ScriptoOptions { ConnectionString = ConnectionString });
        builder.Services.AddSingleton<NodeLeadership>(_leadership); // a follower until the test says
        _host = builder.Build();
        DatabaseSetup.Migrate(_host.Services.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
        TempDatabase.Delete(_path);
    }

    private object? Sql(string sql) => DatabaseContents.Scalar(ConnectionString, sql);

    [Fact]
    public async Task A_followers_time_worker_leaves_an_overdue_script_alone_and_flips_it_as_soon_as_the_node_leads()
    {
        var writer = _host.Services.GetRequiredService<ScriptWriter>();
        var id = (await writer.ReportAsync("hourly.sh", "srv", new ScriptReport(Signal.Success), Schedule.Every(Periodicity.Hourly))).Script!.Id; // grace 6 min
        using var feed = _host.Services.GetRequiredService<ScriptChangeFeed>().Subscribe();
        await using var batches = feed.ReadBatchesAsync(TimeSpan.Zero).GetAsyncEnumerator();

        _clock.Advance(TimeSpan.FromMinutes(66)); // down by now, were this node leading
        // Every node's ticker still says time passed (pages move "5 min ago" along); a leading worker, woken by the
        // same jump of the clock, would have flipped the script meanwhile.
        await Eventually.TrueAsync(async () => await batches.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)) && batches.Current.Everything,
            "the ticker ran");
        await writer.ReportAsync("other.sh", "srv", new ScriptReport(Signal.Success)); // and a writer round trip
        Assert.Equal("Up", Sql($"SELECT health FROM scripts WHERE id = {id}"));

        _leadership.Take(); // no clock moves: the worker, waiting for the leadership, starts on it

        await Eventually.TrueAsync(() => (string?)Sql($"SELECT health FROM scripts WHERE id = {id}") == "Down", "the new leader's worker flips it");
        Assert.Equal(1L, Sql($"SELECT count(*) FROM flips WHERE script_id = {id} AND to_state = 'Down'"));
    }
}
