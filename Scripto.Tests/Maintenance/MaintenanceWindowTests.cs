using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;

namespace Scripto.Tests.Maintenance;

/// <summary>When a window covers, and whom: recurring ones follow their zone's clock across daylight-saving changes.</summary>
public sealed class MaintenanceWindowTests
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static readonly MaintenanceWindow NightlyInParis = new()
    {
        Servers = ["db-1"], Cron = "0 2 * * *", TimeZone = "Europe/Paris", DurationSeconds = 2 * 3600,
    };

    [Fact]
    public void A_recurring_window_at_two_in_the_night_in_Paris_stays_at_two_local_across_the_spring_change()
    {
        // Saturday 28 March 2026: CET (UTC+1), 02:00-04:00 local is 01:00-03:00 UTC.
        Assert.Equal(new Occurrence(Utc(3, 28, 1), Utc(3, 28, 3)), NightlyInParis.At(Utc(3, 28, 1, 30)));
        Assert.Null(NightlyInParis.At(Utc(3, 28, 3)));
        // Monday 30 March, after the change to CEST (UTC+2): 02:00-04:00 local is 00:00-02:00 UTC.
        Assert.Null(NightlyInParis.At(Utc(3, 29, 23, 59)));
        Assert.Equal(new Occurrence(Utc(3, 30, 0), Utc(3, 30, 2)), NightlyInParis.At(Utc(3, 30, 0, 30)));
        Assert.Null(NightlyInParis.At(Utc(3, 30, 2, 30)));
    }

    [Fact]
    public void And_across_the_autumn_change()
    {
        Assert.Equal(Utc(10, 24, 0), NightlyInParis.At(Utc(10, 24, 1))!.Value.From); // CEST: 02:00 local = 00:00 UTC
        Assert.Equal(Utc(10, 26, 1), NightlyInParis.At(Utc(10, 26, 1, 30))!.Value.From); // CET: 02:00 local = 01:00 UTC
        Assert.Null(NightlyInParis.At(Utc(10, 26, 0, 30)));
    }

    [Fact]
    public void The_next_boundary_is_the_next_start_or_the_current_end()
    {
        Assert.Equal(Utc(3, 30, 0), NightlyInParis.NextBoundary(Utc(3, 29, 12)));
        Assert.Equal(Utc(3, 30, 2), NightlyInParis.NextBoundary(Utc(3, 30, 1)));
    }

    [Fact]
    public void Ending_a_recurring_window_early_cuts_the_current_occurrence_and_every_later_one()
    {
        var window = new MaintenanceWindow { Servers = ["db-1"], Cron = "0 2 * * *", TimeZone = "UTC", DurationSeconds = 7200, EndedAt = Utc(5, 1, 3) };

        Assert.Equal(new Occurrence(Utc(5, 1, 2), Utc(5, 1, 3)), window.At(Utc(5, 1, 2, 30)));
        Assert.Null(window.At(Utc(5, 1, 3, 30)));
        Assert.Null(window.Next(Utc(5, 1, 4)));
    }

    [Fact]
    public void A_window_takes_the_scripts_matching_every_list_it_has()
    {
        var window = new MaintenanceWindow { Servers = ["db-1"], Names = ["backup-*"], Tags = ["nightly"] };

        Assert.True(window.Takes(new Script { Server = "db-1", Name = "backup-pg", Tags = "db,nightly" }));
        Assert.False(window.Takes(new Script { Server = "db-2", Name = "backup-pg", Tags = "nightly" }));
        Assert.False(window.Takes(new Script { Server = "db-1", Name = "index", Tags = "nightly" }));
        Assert.False(window.Takes(new Script { Server = "db-1", Name = "backup-pg", Tags = "db" }));
    }
}
