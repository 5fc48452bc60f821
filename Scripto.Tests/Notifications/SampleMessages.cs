using Scripto.Core.Notifications;

namespace Scripto.Tests.Notifications;

/// <summary>Messages as the delivery engine makes them: a bad night on db-1, its recovery, a test.</summary>
internal static class SampleMessages
{
    public static readonly DateTime SentAt = new(2026, 11, 26, 1, 50, 30, DateTimeKind.Utc);
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 50, 31, TimeSpan.Zero);

    public static NotifiedScript Backup => new(12, "backup.sh", "db-1", "down", "no report 20 min after due (02:30 Europe/Paris)",
        new DateTime(2026, 11, 26, 1, 50, 0, DateTimeKind.Utc), new DateTime(2026, 11, 25, 1, 30, 4, DateTimeKind.Utc), 0, "done",
        "https://scripto.example/scripts/12");

    public static NotifiedScript Vacuum => new(13, "vacuum.sh", "db-1", "down", "exited with 3",
        new DateTime(2026, 11, 26, 1, 48, 0, DateTimeKind.Utc), new DateTime(2026, 11, 26, 1, 47, 55, DateTimeKind.Utc), 3,
        "ERROR: relation \"jobs\" does not exist", "https://scripto.example/scripts/13");

    public static NotifiedScript Rotate => new(14, "rotate-logs", "db-1", "up", "exited with 1",
        new DateTime(2026, 11, 26, 0, 10, 0, DateTimeKind.Utc), new DateTime(2026, 11, 26, 1, 45, 0, DateTimeKind.Utc), 0, "rotated 4 files",
        "https://scripto.example/scripts/14", DownForSeconds: 5700);

    /// <summary>Two scripts down on db-1, listed oldest first (the formats must put the newest first), one recovered.</summary>
    public static NotificationMessage Down => new("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", NotificationEvent.Down, "ops", "server", "db-1",
        [Vacuum, Backup], [Rotate], SentAt);

    public static NotificationMessage Resolved => new("msg_resolved_1", NotificationEvent.Resolved, "ops", "server", "db-1",
        [], [Rotate with { Name = "backup.sh", Id = 12 }, Rotate], SentAt);

    public static NotificationMessage Test => new("msg_test_1", NotificationEvent.Test, "ops", "none", "", [], [], SentAt);

    /// <summary>A down message whose script name and output try to be markup in every format.</summary>
    public static NotificationMessage Hostile(string name, string output) => Down with
    {
        Scripts = [Backup with { Name = name, LastOutputLine = output }],
        Resolved = [],
    };

    /// <summary>A bad night: <paramref name="count"/> scripts down on db-1 at once, each with a long output line.</summary>
    public static NotificationMessage Many(int count) => Down with
    {
        Scripts = Enumerable.Range(1, count).Select(i => Backup with
        {
            Id = i, Name = $"job-{i:D3}.sh", Since = Backup.Since.AddSeconds(i), LastOutputLine = new string('x', 300),
            Url = $"https://scripto.example/scripts/{i}",
        }).ToList(),
        Resolved = [],
    };
}
