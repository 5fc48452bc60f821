using static Scripto.Tests.Robustness.MalformedRequest;

namespace Scripto.Tests.Robustness;

/// <summary>Malformed requests to v2's writes: POST /api/v2/ping/{name}[/start|/fail|/{code}].</summary>
public static class V2Corpus
{
    private const string Ping = "/api/v2/ping/";

    public static IEnumerable<MalformedRequest> All()
    {
        // No name, or one the path cannot carry.
        foreach (var (target, status, names) in new[]
        {
            (Ping, 404, "name"), ("/api/v2/ping", 404, "name"), (Ping + "/start", 404, "name"), (Ping + "/fail", 404, "name"),
            (Ping + "/0", 404, "name"), (Ping + "%20", 400, "name"), (Ping + "%20%09/fail", 400, "name"),
            (Ping + "a/b/c", 404, "name"), (Ping + "a/b", 404, "%2F"), (Ping + "backup/start/now", 404, "name"),
            (Ping + "..", 404, "endpoint"), (Ping + "%2e%2e", 404, "endpoint"), (Ping + "x/..", 404, "name"), (Ping + "x/%2e%2e", 404, "name"),
            (Ping + "../v1/script", 404, "endpoint"),
            (Ping + "%2e%2e/%2e%2e/v1/script", 415, "Content-Type"), // climbs to v1's POST, which wants JSON
        })
            yield return Post(target, null, null, status, names);

        // Names a script must not have: too long, control characters, bidirectional overrides, bytes that are not UTF-8.
        foreach (var (name, names) in new[]
        {
            (new string('n', 256), "name"), (new string('n', 4000), "name"), (string.Concat(Enumerable.Repeat("%F0%9F%98%80", 128)), "name"),
            ("x%07", "name"), ("x%0Ay", "name"), ("x%0D%0Ay", "name"), ("%1B%5B31m", "name"), ("x%C2%85y", "name"),
            ("backup%E2%80%AEhs.exe", "name"), ("%E2%81%A6x%E2%81%A9", "name"),
            ("%ED%A0%80", "name"), ("x%ED%B0%80", "name"), ("%C0%AF", "name"), ("%C0%AE%C0%AE", "name"), ("%E0%80%AF", "name"),
            ("%FF", "name"), ("x%E2%82", "name"), ("%C3", "name"), ("%zz", "name"), ("x%", "name"), ("%%", "name"),
        })
        {
            yield return Post(Ping + name, null, null, 400, names);
            yield return Post(Ping + name + "/start", null, null, 400, names);
        }
        yield return Post(Ping + new string('n', 10_000), null, null, 414, "");
        yield return Post(Ping + "%00", null, null, 400, "");
        yield return Post(Ping + "x%00y/fail", null, null, 400, "");

        // Exit codes out of range or overflowing; what is not a number is taken for a name whose '/' was not encoded.
        foreach (var code in new[] { "256", "-1", "99999999999", "9223372036854775808", "-2147483649", "%31%30%30%30", "%20" })
            yield return Post(Ping + "backup/" + code, null, null, 400, "exit");
        foreach (var code in new[] { "1.5", "0x1", "1e2", "ok" })
            yield return Post(Ping + "backup/" + code, null, null, 404, "%2F");

        // Query parameters: wrong, too long, repeated, unknown.
        foreach (var (query, names) in new[]
        {
            ("server=" + new string('s', 256), "server"), ("server=a%00b", "server"), ("server=a%07", "server"), ("server=db%E2%80%AE1", "server"),
            ("server=a&server=b", "server"),
            ("server=%FF", "server"), ("server=%C0%AF", "server"), ("server=%zz", "server"), ("server=a%", "server"), ("%FF=1", "query"), ("schedule=yearly", "schedule"), ("schedule=0m", "schedule"), ("schedule=999999w", "schedule"),
            ("schedule=" + string.Concat(Enumerable.Repeat("999999w", 500)), "schedule"), ("schedule=-1h", "schedule"),
            ("schedule=daily&cron=0+2+*+*+*", "schedule"), ("cron=every+night", "cron"), ("cron=*+*+*+*+*+*", "cron"), ("cron=30+2+31+2+*", "cron"),
            ("cron=" + string.Join(",", Enumerable.Range(0, 60)) + "+" + string.Join(",", Enumerable.Range(0, 24)) + "+*+*+*", "cron"),
            ("cron=%00", "cron"), ("cron=0+2+*+*+*&tz=Mars/Olympus", "tz"), ("cron=0+2+*+*+*&tz=../../../../etc/passwd", "tz"),
            ("cron=0+2+*+*+*&tz=%2Fetc%2Flocaltime", "tz"), ("cron=0+2+*+*+*&tz=Europe%2F..%2F..%2F..%2Fetc%2Fpasswd", "tz"),
            ("cron=0+2+*+*+*&tz=Europe/Paris%00", "tz"), ("cron=0+2+*+*+*&tz=" + new string('Z', 65), "tz"), ("cron=0+2+*+*+*&tz=", "tz"),
            ("tz=Europe/Paris", "tz"), ("schedule=daily&tz=UTC", "tz"), ("schedule=daily&grace=0", "grace"), ("schedule=daily&grace=abc", "grace"),
            ("schedule=daily&grace=8d", "grace"), ("grace=5m", "grace"), ("duration=-1", "duration"), ("duration=NaN", "duration"),
            ("duration=1e400", "duration"), ("duration=Infinity", "duration"), ("duration=abc", "duration"), ("duration=99999999999", "duration"),
            ("unknown=1", "unknown"), ("Server=db-1", "Server"), ("=x", "parameter"), (new string('k', 4000) + "=1", "kkkk"),
        })
        {
            yield return Post(Ping + "backup?" + query, null, null, 400, names);
            yield return Post(Ping + "backup/fail?" + query, null, null, 400, names);
        }

        // Outputs over 1 MiB, whichever signal carries them.
        var huge = new byte[1024 * 1024 + 1];
        foreach (var signal in new[] { "", "/start", "/fail", "/3" })
            yield return Post(Ping + "backup" + signal, "text/plain", huge, 413, "KiB");
        yield return Post(Ping + "backup", "application/octet-stream", new byte[8 * 1024 * 1024], 413, "KiB");
    }
}
