using Scripto.Core;
using Scripto.Core.Reading;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Uptime;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Core;

/// <summary>Uptime from the status changes, against figures worked out by hand, with a fake clock.</summary>
public class UptimeTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly DatabaseProvider _provider;
    private CoreServices? _services;

    public UptimeTests() : this(DatabaseProvider.Sqlite) { }

    protected UptimeTests(DatabaseProvider provider) => _provider = provider;

    /// <summary>Made on first use: the tests of the measure alone need no database.</summary>
    private CoreServices Core => _services ??= new CoreServices(provider: _provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }

    private static DateTime H(double hours) => T0.AddHours(hours);

    [Fact]
    public void Time_down_counts_against_and_time_up_for()
    {
        // Up, down from 02:00 to 03:00, up again: 23 h up of 24.
        var history = new StateHistory(FlipState.Up, [(H(2), FlipState.Down), (H(3), FlipState.Up)]);

        var day = history.Measure(T0, H(24));

        Assert.Equal(TimeSpan.FromHours(23), day.Up);
        Assert.Equal(TimeSpan.FromHours(24), day.Watched);
        Assert.Equal("95.83 %", day.Percent()); // 23/24 = 95.8333…, never rounded up
    }

    [Fact]
    public void Before_the_first_report_and_while_paused_nothing_is_watched()
    {
        // New 0-6 h, OK 6-12 h, paused 12-18 h, failed 18-24 h: 6 h up of 12 watched.
        var history = new StateHistory(FlipState.New,
            [(H(6), FlipState.Up), (H(12), FlipState.Paused), (H(18), FlipState.Failed)]);

        var day = history.Measure(T0, H(24));

        Assert.Equal(0.5, day.Ratio);
        Assert.Null(history.Measure(T0, H(6)).Ratio);
        Assert.Equal("—", history.Measure(T0, H(6)).Percent());
    }

    [Fact]
    public void A_window_that_starts_after_a_change_takes_the_state_it_left()
    {
        var history = new StateHistory(FlipState.Up, [(H(2), FlipState.Down), (H(30), FlipState.Up)]);

        Assert.Equal(TimeSpan.Zero, history.Measure(H(24), H(30)).Up); // down throughout
        Assert.Equal(0.75, history.Measure(H(24), H(48)).Ratio); // down 24-30 h, up 30-48 h
    }

    [Fact]
    public void A_miss_is_never_shown_as_100_percent()
    {
        var tally = new Tally(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(90));
        Assert.Equal("99.99 %", tally.Percent());
    }

    /// <summary>
    /// A daily job: first good run at 0 h, a failed run at 10 h, a good one at 12 h, then silence: due at 36 h, down
    /// at 37 h (a daily schedule's grace is 1 h). Seen at 48 h.
    /// </summary>
    private async Task<long> DailyJobThatFailedThenFellSilentAsync(Func<Task>? from24To48Hours = null)
    {
        const string name = "backup.sh";
        Core.Clock.SetUtcNow(T0);
        var writer = Core.Get<Scripto.Core.Writing.ScriptWriter>();
        var id = (await writer.ReportAsync(name, "db-1", new ScriptReport(Signal.Success), Schedule.Every(Periodicity.Daily), tags: new(true, ["public"]))).Script!.Id;
        Core.Clock.SetUtcNow(H(10));
        await writer.ReportAsync(name, "db-1", new ScriptReport(Signal.Failure));
        Core.Clock.SetUtcNow(H(12));
        await writer.ReportAsync(name, "db-1", new ScriptReport(Signal.Success));
        if (from24To48Hours is not null) await from24To48Hours();
        Core.Clock.SetUtcNow(H(48));
        return id;
    }

    private static string Percent(TargetReading reading, string window) =>
        reading.Uptime(UptimeWindows.All.Single(w => w.Label == window).Length).Percent();

    [Fact]
    public async Task A_scripts_uptime_comes_from_its_failures_and_its_silence()
    {
        var id = await DailyJobThatFailedThenFellSilentAsync();

        var reading = (await Core.Get<TargetQueries>().ReadAsync(Target.OfScript(id), withHistory: true))!;

        // Last 24 h (24-48 h): up until 37 h, down after: 13 of 24 h.
        Assert.Equal(13.0 / 24, reading.Uptime(TimeSpan.FromHours(24)).Ratio!.Value, 9);
        Assert.Equal("54.16 %", Percent(reading, "24 h"));
        // 7 days: watched since the first report (48 h), up 0-10 h and 12-37 h: 35 of 48 h.
        Assert.Equal(35.0 / 48, reading.Uptime(TimeSpan.FromDays(7)).Ratio!.Value, 9);
        Assert.Equal(reading.Uptime(TimeSpan.FromDays(7)), reading.Uptime(TimeSpan.FromDays(90)));
        Assert.Equal(ScriptStatus.Down, reading.Status);
    }

    [Fact]
    public async Task The_same_whether_or_not_the_time_worker_has_recorded_the_silence_yet()
    {
        var id = await DailyJobThatFailedThenFellSilentAsync();
        var before = (await Core.Get<TargetQueries>().ReadAsync(Target.OfScript(id), withHistory: true))!.Uptime(TimeSpan.FromDays(7));

        await Eventually.TrueAsync(async () => (await Core.Get<ScriptQueries>().DetailsAsync(id))!.Flips.Any(f => f.To == FlipState.Down), "the time worker records the silence");
        var after = (await Core.Get<TargetQueries>().ReadAsync(Target.OfScript(id), withHistory: true))!.Uptime(TimeSpan.FromDays(7));

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_tag_and_a_server_add_up_their_scripts_time()
    {
        var writer = Core.Get<Scripto.Core.Writing.ScriptWriter>();
        await DailyJobThatFailedThenFellSilentAsync(async () =>
        {
            Core.Clock.SetUtcNow(H(24));
            await writer.ReportAsync("rotate.sh", "db-1", new ScriptReport(Signal.Success), Schedule.Every(Periodicity.Hourly), tags: new(true, ["public"]));
            for (var hour = 25; hour <= 48; hour++)
            {
                Core.Clock.SetUtcNow(H(hour));
                await writer.ReportAsync("rotate.sh", "db-1", new ScriptReport(Signal.Success));
            }
        });
        await writer.ReportAsync("elsewhere.sh", "web-1", new ScriptReport(Signal.Failure));

        var queries = Core.Get<TargetQueries>();
        var server = (await queries.ReadAsync(Target.OfServer("db-1"), withHistory: true))!;
        var tag = (await queries.ReadAsync(Target.OfTag("public"), withHistory: true))!;

        // Last 24 h: backup.sh up 13 of 24 h, rotate.sh (from 24 h) up 24 of 24: 37 of 48.
        Assert.Equal(37.0 / 48, server.Uptime(TimeSpan.FromHours(24)).Ratio!.Value, 9);
        Assert.Equal(server.Uptime(TimeSpan.FromDays(30)), tag.Uptime(TimeSpan.FromDays(30)));
        Assert.Equal(ScriptStatus.Down, server.Status); // its worst script's
        Assert.Equal(["backup.sh", "rotate.sh"], tag.Scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task Each_day_of_the_bars_is_measured_on_its_own()
    {
        var id = await DailyJobThatFailedThenFellSilentAsync();

        var days = (await Core.Get<TargetQueries>().ReadAsync(Target.OfScript(id), withHistory: true))!.Days();

        Assert.Equal(UptimeWindows.Days, days.Count);
        Assert.Equal(DateOnly.FromDateTime(H(48)), days[^1].Day);
        Assert.Null(days[^4].Tally.Ratio); // the day before the first report
        Assert.Equal(22.0 / 24, days[^3].Tally.Ratio!.Value, 9); // day 1: failed 10-12 h
        Assert.Equal(13.0 / 24, days[^2].Tally.Ratio!.Value, 9); // day 2: down from 37 h
        Assert.Null(days[^1].Tally.Ratio); // today, at midnight: nothing yet
    }
}

/// <summary>Runs the pure measure's tests again too: they cost nothing, and need no database.</summary>
public sealed class UptimeTestsOnPostgres() : UptimeTests(DatabaseProvider.Postgres);
