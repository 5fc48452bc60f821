using Scripto.Core;
using Scripto.Core.Notifications;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Notifications;

/// <summary>
/// The subjects of a group's emails, through the real writer, planner and dispatcher to a real SMTP server (aiosmtpd):
/// a mail client shows the subject first and threads (and hides) messages that share one, so each says what is still
/// down and what changed, and none that lists a script still down reads as all clear.
/// </summary>
public class MessageSubjectTests : IAsyncLifetime
{
    private readonly DatabaseProvider _provider;
    private SmtpServer _smtp = null!;
    private NotifyCore _core = null!;

    public MessageSubjectTests() : this(DatabaseProvider.Sqlite) { }

    protected MessageSubjectTests(DatabaseProvider provider) => _provider = provider;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _core = new NotifyCore(smtp: new SmtpSettings { Host = "127.0.0.1", Port = _smtp.Port, Security = "None", From = "scripto@example.com" },
            provider: _provider);
        await _core.ChannelAsync("""{"name": "mail", "kind": "email", "to": ["ops@example.com"], "group_wait": "0s", "group_interval": "1s"}""");
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        _smtp.Dispose();
    }

    private async Task<List<string>> SubjectsAsync()
    {
        await _core.DispatchAsync();
        return _smtp.Messages().OrderBy(m => m.Date).Select(m => m.Subject ?? "").ToList();
    }

    [Fact]
    public async Task A_night_on_one_server_is_told_in_subjects_that_each_say_what_changed()
    {
        foreach (var name in new[] { "backup.sh", "vacuum.sh", "rotate.sh" }) await _core.ReportAsync(name, "db-1", Signal.Success);
        await _core.ReportAsync("backup.sh", "db-1", Signal.Failure);
        await _core.ReportAsync("vacuum.sh", "db-1", Signal.Failure);
        await _core.PlanAsync();

        _core.Clock.Advance(TimeSpan.FromSeconds(2));
        await _core.ReportAsync("backup.sh", "db-1", Signal.Success); // one recovers as another goes down
        await _core.ReportAsync("rotate.sh", "db-1", Signal.Failure);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        await _core.ReportAsync("vacuum.sh", "db-1", Signal.Success);
        await _core.ReportAsync("rotate.sh", "db-1", Signal.Success);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        Assert.Equal([
            "[Scripto] DOWN: 2 scripts on db-1: vacuum.sh, backup.sh",
            "[Scripto] 2 DOWN, 1 RESOLVED on db-1: rotate.sh, vacuum.sh",
            "[Scripto] RESOLVED: 2 scripts on db-1: rotate.sh, vacuum.sh",
        ], await SubjectsAsync());
    }

    [Fact]
    public async Task A_silent_server_that_speaks_again_with_a_script_still_down_is_not_told_as_resolved()
    {
        var hourly = Schedule.Every(Periodicity.Hourly);
        foreach (var name in new[] { "backup.sh", "vacuum.sh", "rotate.sh" }) await _core.ReportAsync(name, "db-1", Signal.Success, hourly);
        _core.Clock.Advance(TimeSpan.FromMinutes(67)); // all three down, the server silent
        await _core.FlipOverdueAsync();
        await _core.PlanAsync();

        await _core.ReportAsync("backup.sh", "db-1", Signal.Success); // it speaks; vacuum.sh and rotate.sh stay down
        await _core.ReportAsync("rotate.sh", "db-1", Signal.Success);
        await _core.AdvanceAndPlanAsync(TimeSpan.FromSeconds(2));

        var subjects = await SubjectsAsync();
        Assert.Equal(["[Scripto] SILENT: db-1 (3 scripts affected)", "[Scripto] 1 STILL DOWN, 2 RESOLVED: db-1 reports again"], subjects);
    }
}

public sealed class MessageSubjectTestsOnPostgres() : MessageSubjectTests(DatabaseProvider.Postgres);
