using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Config;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;
using Scripto.Web.Config;

namespace Scripto.Tests.Notifications;

/// <summary>
/// Only a run (or a pause, a resume, a delete) ends a Down: an edit of a down script's schedule or grace, by the
/// script page, a configuration file or a v2 ping's parameters, leaves it down and sends nothing; and whatever the
/// edits, every Down is announced. On a fake clock, through the real writer, planner and dispatcher to a real HTTP
/// receiver (review 3, W1).
/// </summary>
public class DownStaysDownTests : IAsyncLifetime
{
    private static readonly Schedule Hourly = Schedule.Every(TimeSpan.FromHours(1), TimeSpan.FromMinutes(6));
    private static readonly Schedule HourlyLongGrace = Schedule.Every(TimeSpan.FromHours(1), TimeSpan.FromMinutes(30));
    private HttpReceiver _receiver = null!;
    private readonly NotifyCore _core;

    public DownStaysDownTests() : this(DatabaseProvider.Sqlite) { }

    protected DownStaysDownTests(DatabaseProvider provider) => _core = new NotifyCore(provider: provider);

    public async Task InitializeAsync()
    {
        _receiver = await HttpReceiver.StartAsync();
        await _core.ChannelAsync($$"""{"name": "ops", "kind": "webhook", "url": "{{_receiver.Url("hook")}}", "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    /// <summary>The events the receiver got, in order.</summary>
    private async Task<List<string>> ReceivedAsync()
    {
        await _core.DispatchAsync();
        return _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetString()!).ToList();
    }

    /// <summary>Moves the clock, lets time flip what is overdue, and lets the planner run (past its group wait).</summary>
    private async Task PassAsync(TimeSpan by)
    {
        _core.Clock.Advance(by);
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();
        _core.Clock.Advance(TimeSpan.FromSeconds(31));
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();
    }

    /// <summary>What the dashboard's query (SQL, the status rule) counts as Down, and what the script's page reads.</summary>
    private async Task<(int DashboardDown, ScriptStatus Page)> StatusAsync(long id)
    {
        var counts = await _core.Provider.GetRequiredService<DashboardQueries>().CountByStatusAsync();
        var row = Assert.Single(await _core.Provider.GetRequiredService<DashboardQueries>().RowsAsync([id]));
        return (counts.GetValueOrDefault(ScriptStatus.Down), row.Status);
    }

    private List<string> Flips(long id) =>
        DatabaseContents.Column(_core.ConnectionString, $"SELECT from_state || '->' || to_state FROM flips WHERE script_id = {id} ORDER BY id")
            .Select(r => (string)r!).ToList();

    /// <summary>backup.sh reported at the start, missed its run an hour later, and was announced down 6 min after it.</summary>
    private async Task<long> DownAndAnnouncedAsync()
    {
        var id = await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await PassAsync(TimeSpan.FromMinutes(66));
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        return id;
    }

    /// <summary>After the edit: still down, nothing sent, however long it stays silent; a good run recovers it; the next miss is announced.</summary>
    private async Task StaysDownUntilARunAsync(long id)
    {
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        Assert.Equal(["New->Up", "Up->Down"], Flips(id));

        await PassAsync(TimeSpan.FromMinutes(95)); // past the new schedule's next due and its grace: said already, nothing new
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));

        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down", "resolved"], await ReceivedAsync());
        Assert.Equal((0, ScriptStatus.Ok), await StatusAsync(id));

        await PassAsync(TimeSpan.FromMinutes(90)); // due an hour after that run, down 30 min later (the worker on time)
        Assert.Equal(["down", "resolved", "down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        Assert.Equal(["New->Up", "Up->Down", "Down->Up", "Up->Down"], Flips(id));
    }

    [Fact]
    public async Task A_grace_edited_on_the_script_page_leaves_a_down_script_down_and_unresolved()
    {
        var id = await DownAndAnnouncedAsync();

        await _core.Writer.UpdateAsync(id, new ScriptChanges { Schedule = HourlyLongGrace });

        await StaysDownUntilARunAsync(id);
    }

    [Fact]
    public async Task A_grace_edited_in_a_configuration_file_leaves_a_down_script_down_and_unresolved()
    {
        var id = await DownAndAnnouncedAsync();

        var file = ConfigText.ParseYaml("scripts:\n- name: backup.sh\n  server: db-1\n  schedule: 1h\n  grace: 30m\n");
        var outcome = await _core.Provider.GetRequiredService<ConfigImport>().ApplyAsync(file, prune: false);
        Assert.Empty(outcome.Errors);
        Assert.NotNull(outcome.Diff);

        await StaysDownUntilARunAsync(id);
    }

    [Fact]
    public async Task A_v2_start_with_a_new_grace_leaves_a_down_script_down_and_a_run_that_never_ends_says_nothing_more()
    {
        var id = await DownAndAnnouncedAsync();
        // The reviewer's sequence: a file edits the grace first (it used to resolve), then the job starts with a new one.
        var file = ConfigText.ParseYaml("scripts:\n- name: backup.sh\n  server: db-1\n  schedule: 1h\n  grace: 10m\n");
        Assert.Empty((await _core.Provider.GetRequiredService<ConfigImport>().ApplyAsync(file, prune: false)).Errors);
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], await ReceivedAsync());

        var result = await _core.Writer.ReportAsync("backup.sh", "db-1", new ScriptReport(Signal.Start), HourlyLongGrace);
        Assert.Equal(ScriptStatus.Running, ScriptStatusRule.Of(result.Script!, _core.Now));

        await PassAsync(TimeSpan.FromMinutes(31)); // the run outlived its new grace: down as it was, announced once
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        Assert.Equal(["New->Up", "Up->Down"], Flips(id));

        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down", "resolved"], await ReceivedAsync());
        await PassAsync(TimeSpan.FromMinutes(90));
        Assert.Equal(["down", "resolved", "down"], await ReceivedAsync());
    }

    [Fact]
    public async Task A_failed_script_that_then_fell_silent_stays_down_when_its_schedule_is_edited()
    {
        var id = await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], await ReceivedAsync());

        await _core.Writer.UpdateAsync(id, new ScriptChanges { Schedule = HourlyLongGrace }); // failed, not missed: still failed
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal(ScriptStatus.Failed, (await StatusAsync(id)).Page);

        await PassAsync(TimeSpan.FromMinutes(91)); // and silent past the new grace: down, announced already
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        await _core.Writer.UpdateAsync(id, new ScriptChanges { Schedule = Hourly });
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal(["New->Up", "Up->Failed", "Failed->Down"], Flips(id));
    }

    [Fact]
    public async Task A_down_script_paused_and_resumed_is_announced_again_when_it_misses_its_next_run()
    {
        var id = await DownAndAnnouncedAsync();

        await _core.Writer.UpdateAsync(id, new ScriptChanges { Paused = true });
        await PassAsync(TimeSpan.FromSeconds(1));
        await _core.Writer.UpdateAsync(id, new ScriptChanges { Paused = false });
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down", "resolved"], await ReceivedAsync());
        Assert.Equal((0, ScriptStatus.Ok), await StatusAsync(id));

        await PassAsync(TimeSpan.FromMinutes(66));

        Assert.Equal(["down", "resolved", "down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
        Assert.Equal(["New->Up", "Up->Down", "Down->Paused", "Paused->Up", "Up->Down"], Flips(id));
    }

    [Fact]
    public async Task An_edit_before_the_time_worker_flipped_a_script_records_and_announces_its_down_first()
    {
        var id = await _core.ReportAsync("backup.sh", "db-1", Signal.Success, Hourly);
        _core.Clock.Advance(TimeSpan.FromMinutes(67)); // down by the clock; the worker has not run yet

        await _core.Writer.UpdateAsync(id, new ScriptChanges { Schedule = HourlyLongGrace });

        Assert.Equal(["New->Up", "Up->Down"], Flips(id));
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["down"], await ReceivedAsync());
        Assert.Equal((1, ScriptStatus.Down), await StatusAsync(id));
    }
}

public sealed class DownStaysDownTestsOnPostgres() : DownStaysDownTests(DatabaseProvider.Postgres);
