using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Alerts;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;

namespace Scripto.Tests.Notifications;

/// <summary>
/// On SQLite a planning pass is committed by the writer, in its batch (<see cref="CommitPlan"/>): all of it or
/// nothing, and never at the cost of the reports committed beside it.
/// </summary>
public sealed class PlanCommitTests : IAsyncLifetime
{
    private readonly NotifyCore _core = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_pass_is_committed_by_the_writer_with_its_events_consumed_and_its_flap_states_written_together()
    {
        for (var i = 0; i < 20; i++) await _core.ReportAsync($"job-{i}", "db-1", Signal.Success);
        for (var i = 0; i < 20; i++) await _core.ReportAsync($"job-{i}", "db-1", Signal.Failure);

        await _core.PlanAsync();

        Assert.Equal(0, _core.Count("SELECT count(*) FROM alert_events"));
        Assert.Equal(20, _core.Count("SELECT count(*) FROM script_flaps WHERE down"));
    }

    [Fact]
    public async Task A_pass_whose_events_were_consumed_first_writes_nothing_and_the_reports_beside_it_are_written()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        var events = EventIds();
        var flap = new FlapState { ScriptId = 1, Down = true, Reason = "reported failure", LastChangeAt = _core.Now };
        var plan = new CommitPlan([.. events, 424242], [], [flap], []); // one of its events is gone

        var report = _core.ReportAsync("backup.sh", "db-1", Signal.Success); // queued together: likely one batch
        var committed = _core.Writer.SubmitAsync(plan);
        await Task.WhenAll(report, committed);

        Assert.True(plan.Conflict);
        var after = EventIds();
        Assert.Equal(events, after.Take(events.Count)); // none consumed
        Assert.Equal(events.Count + 1, after.Count); // and the report's recovery recorded
        Assert.Equal(0, _core.Count("SELECT count(*) FROM script_flaps"));
        Assert.Equal(3, _core.Count("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_pass_whose_channel_was_deleted_meanwhile_writes_nothing_and_says_why()
    {
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        var events = EventIds();
        var delivery = new Delivery { ChannelId = 4242, MessageId = "msg_gone", Event = "down", GroupKey = "", Body = "{}", CreatedAt = _core.Now, DueAt = _core.Now };
        var plan = new CommitPlan([.. events], [], [new FlapState { ScriptId = 1, Down = true, LastChangeAt = _core.Now }], [(delivery, EntityState.Added)]);

        var report = _core.ReportAsync("restore.sh", "db-1", Signal.Success);
        await Task.WhenAll(report, _core.Writer.SubmitAsync(plan));

        var failure = Assert.IsType<DbUpdateException>(plan.Failure);
        Assert.Equal(787, Assert.IsType<SqliteException>(failure.InnerException).SqliteExtendedErrorCode); // a foreign key: the channel
        Assert.Equal(events, EventIds());
        Assert.Equal(0, _core.Count("SELECT count(*) FROM script_flaps"));
        Assert.Equal(0, _core.Count("SELECT count(*) FROM notification_deliveries"));
        Assert.Equal(1, _core.Count("SELECT count(*) FROM scripts WHERE name = 'restore.sh'"));
    }

    private List<long> EventIds()
    {
        using var connection = new SqliteConnection(_core.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM alert_events ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
