using Scripto.Core.Keys;
using Scripto.Core.Maintenance;

namespace Scripto.Tests.Maintenance;

/// <summary>What a window may be: each mistake refused naming its field; a server yet to report is fine.</summary>
public sealed class MaintenanceRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static string[] Fields(MaintenanceInput input) =>
        MaintenanceRules.Validate(input, Now).Errors.Select(e => e.Field).ToArray();

    [Fact]
    public void A_one_off_window_for_a_server_that_never_reported_is_valid()
    {
        var (window, errors) = MaintenanceRules.Validate(new() { Servers = ["not-yet-1"], For = "30m", Reason = "upgrade" }, Now);

        Assert.Empty(errors);
        Assert.Equal((Now, Now.AddMinutes(30)), (window!.StartsAt, window.EndsAt));
    }

    [Fact]
    public void A_window_ending_before_it_starts_is_refused_naming_until() =>
        Assert.Equal(["until"], Fields(new() { Servers = ["db-1"], From = "2026-11-27T10:00:00Z", Until = "2026-11-27T09:00:00Z" }));

    [Fact]
    public void A_window_longer_than_a_year_is_refused_naming_its_field()
    {
        Assert.Equal(["until"], Fields(new() { Servers = ["db-1"], Until = "2028-01-01T00:00:00Z" }));
        Assert.Equal(["for"], Fields(new() { Servers = ["db-1"], For = "400d" }));
        Assert.Equal(["duration"], Fields(new() { Servers = ["db-1"], Cron = "0 2 * * *", Duration = "400d" }));
    }

    [Fact]
    public void A_cron_that_never_fires_is_refused_naming_cron()
    {
        var errors = MaintenanceRules.Validate(new() { Servers = ["db-1"], Cron = "0 2 30 2 *", Duration = "2h" }, Now).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("cron", error.Field);
        Assert.Contains("never", error.Message);
    }

    [Fact]
    public void A_bad_time_zone_and_a_duration_of_zero_are_refused_naming_them()
    {
        Assert.Equal(["time_zone"], Fields(new() { Servers = ["db-1"], Cron = "0 2 * * *", TimeZone = "Mars/Olympus", Duration = "2h" }));
        Assert.Equal(["duration"], Fields(new() { Servers = ["db-1"], Cron = "0 2 * * *", Duration = "0m" }));
        Assert.Equal(["duration"], Fields(new() { Servers = ["db-1"], Cron = "0 2 * * *", Duration = "-1h" }));
        Assert.Equal(["duration"], Fields(new() { Servers = ["db-1"], Cron = "0 2 * * *" }));
    }

    [Fact]
    public void A_window_without_a_scope_is_refused_rather_than_covering_everything()
    {
        Assert.Equal(["servers"], Fields(new() { For = "1h" }));
        Assert.Empty(Fields(new() { Names = ["*"], For = "1h" })); // every script, said on purpose
    }

    [Fact]
    public void A_report_key_may_open_a_window_for_its_own_server_for_at_most_a_day()
    {
        var limits = KeyLimits.Parse("db-*", null);
        MaintenanceWindow Window(string server, string length) => MaintenanceRules.Validate(new() { Servers = [server], For = length }, Now).Window!;

        Assert.Null(MaintenanceRules.ReporterRefusal(Window("db-1", "24h"), limits));
        Assert.Equal("server", MaintenanceRules.ReporterRefusal(Window("web-1", "1h"), limits)?.Field);
        Assert.Equal("for", MaintenanceRules.ReporterRefusal(Window("db-1", "25h"), limits)?.Field);
        Assert.Equal("server", MaintenanceRules.ReporterRefusal(Window("db-1", "1h"), KeyLimits.Parse(null, "backup*"))?.Field);
    }
}
