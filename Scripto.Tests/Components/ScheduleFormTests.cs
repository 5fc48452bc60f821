using Scripto.Core.Schedules;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

public sealed class ScheduleFormTests
{
    [Fact]
    public void A_wrong_cron_a_wrong_time_zone_and_a_wrong_grace_are_all_reported_at_once()
    {
        var form = new ScheduleForm { Kind = ScheduleKind.Cron, Cron = "61 * * * *", TimeZone = "Mars/Olympus", Grace = "soon" };

        var (schedule, errors) = form.Read();

        Assert.Null(schedule);
        Assert.Equal(["grace", "cron", "time zone"], errors.Select(e => e.Field));
    }
}
