using System.Text.Json;
using System.Text.Json.Nodes;
using Scripto.Core.Maintenance;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;

namespace Scripto.Core.Config;

/// <summary>
/// From a file and what the install holds, the plan: every entry checked by the rules the API and the pages use
/// (a mistake names its line and field, and refuses the whole file), then compared with what is stored in the
/// export's words. Pure: it reads nothing and writes nothing, so a dry run and an apply say the same.
/// Identities: a script by name and server, a channel by name, a status page by slug, and a maintenance window,
/// which has no name, by its scope and reason (servers, names, tags, reason): its times are what may change.
/// </summary>
internal static class ConfigPlanner
{
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>
    {
        ["scripts"] = ["name", "server", "schedule", "cron", "tz", "grace", "tags", "failures", "recoveries", "max_runtime", "min_runtime", "paused", "heartbeat"],
        ["channels"] = ["name", "kind", "url", "to", "chat_id", "servers", "names", "tags", "group_by", "group_wait", "group_interval",
            "repeat_interval", "send_resolved", "anomalies", "secret", "token"],
        ["maintenance"] = ["servers", "names", "tags", "from", "until", "cron", "time_zone", "duration", "reason"],
        ["status_pages"] = ["slug", "title", "tags", "servers"],
    };

    private static readonly JsonSerializerOptions Form = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly ScheduleParts.FieldNames ScheduleNames = new("schedule", "cron", "tz", "grace");
    private const string Hidden = "(hidden)";

    public static (ConfigPlan? Plan, List<ConfigError> Errors) Plan(ConfigNode root, ConfigState state, DateTime now, bool prune, bool dryRun)
    {
        var errors = new List<ConfigError>();
        var sections = ConfigItem.Sections(root, Fields, errors);
        var plan = new ConfigPlan();
        var created = new List<DiffEntry>();
        var changed = new List<DiffEntry>();
        var deleted = new List<DiffEntry>();
        var ignored = new List<DiffEntry>();
        var unchanged = 0;

        void Compare<T>(string kind, string key, ConfigItem item, T? stored, T wanted, IEnumerable<FieldChange>? extra, Action create, Action change)
        {
            if (stored is null)
            {
                created.Add(new(kind, key, item.Line));
                create();
                return;
            }
            var fields = Changes(stored, wanted).Concat(extra ?? []).ToList();
            if (fields.Count == 0) unchanged++;
            else
            {
                changed.Add(new(kind, key, item.Line, fields));
                change();
            }
        }

        // Scripts
        // v1 lets two scripts share a name and server: a file may repeat one as many times as the install holds it
        // (its export does), the n-th entry being the n-th such script by id; never more, as a repeat is likelier a slip.
        var scriptsSeen = new Dictionary<(string, string), ConfigItem>();
        var scriptsMatched = new HashSet<long>();
        foreach (var item in sections["scripts"])
        {
            if (ReadScript(item) is not { } wanted) continue;
            var name = wanted.Name.Value.Trim();
            var server = wanted.Server.Value?.Trim() ?? "";
            var stored = state.Scripts.Where(s => s.Name == name && s.Server == server && !scriptsMatched.Contains(s.Id)).MinBy(s => s.Id);
            if (!scriptsSeen.TryAdd((name, server), item) && stored is null)
            {
                item.Error("name", $"'{Excerpt.Of(name)}' on server '{Excerpt.Of(server)}' is already {scriptsSeen[(name, server)].Path} (line {scriptsSeen[(name, server)].Line}): a script is its name and server");
                continue;
            }
            if (stored is not null) scriptsMatched.Add(stored.Id);
            var form = ConfigExport.Script(Preview(wanted, name, server));
            Compare("script", ScriptKey(name, server), item, stored is null ? null : ConfigExport.Script(stored), form, null,
                () => plan.NewScripts.Add(wanted), () => plan.ChangedScripts.Add((stored!.Id, wanted with { Name = default, Server = default })));
        }
        if (prune)
            foreach (var script in state.Scripts.Where(s => !scriptsMatched.Contains(s.Id)))
            {
                deleted.Add(new("script", ScriptKey(script.Name, script.Server)));
                plan.DeletedScripts.Add(script.Id);
            }

        // Channels: names are unique whatever their case, as stored.
        var channelsSeen = new Dictionary<string, ConfigItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in sections["channels"])
        {
            var input = ReadChannel(item);
            var stored = state.Channels.FirstOrDefault(c => string.Equals(c.Name, input.Name?.Trim(), StringComparison.OrdinalIgnoreCase));
            var (channel, channelErrors) = ChannelRules.Validate(input, stored);
            foreach (var error in channelErrors)
                item.Error(error.Field, stored is null && error.Field is "secret" or "token"
                    ? $"{error.Message}: a channel new to this install needs it in the file (secrets are never exported)"
                    : error.Message);
            if (channel is null) continue;
            if (!channelsSeen.TryAdd(channel.Name, item))
            {
                item.Error("name", $"'{Excerpt.Of(channel.Name)}' is already {channelsSeen[channel.Name].Path} (line {channelsSeen[channel.Name].Line})");
                continue;
            }
            var secrets = new List<FieldChange>();
            if (stored is not null && channel.Secret != stored.Secret) secrets.Add(new("secret", Hidden, Hidden));
            if (stored is not null && channel.Token != stored.Token) secrets.Add(new("token", Hidden, Hidden));
            if (stored is not null) channel.Id = stored.Id;
            Compare("channel", channel.Name, item, stored is null ? null : ConfigExport.Channel(stored), ConfigExport.Channel(channel), secrets,
                () => plan.NewChannels.Add(channel), () => plan.ChangedChannels.Add(channel));
        }
        if (prune)
            foreach (var channel in state.Channels.Where(c => !channelsSeen.ContainsKey(c.Name)))
            {
                deleted.Add(new("channel", channel.Name));
                plan.DeletedChannels.Add(channel);
            }

        // Maintenance windows: by scope and reason.
        var windowsSeen = new Dictionary<string, ConfigItem>();
        var matched = new HashSet<long>();
        foreach (var item in sections["maintenance"])
        {
            var input = new MaintenanceInput
            {
                Servers = item.List("servers"), Names = item.List("names"), Tags = item.List("tags"), From = item.Text("from"),
                Until = item.Text("until"), Cron = item.Text("cron"), TimeZone = item.Text("time_zone"), Duration = item.Text("duration"),
                Reason = item.Text("reason"),
            };
            var (window, windowErrors) = MaintenanceRules.Validate(input, now);
            // A one-off window that has ended since the file was exported is history, not a mistake: ignored, and said so.
            var ended = windowErrors.RemoveAll(e => e.Field is "until" && e.Message == MaintenanceRules.InThePast) > 0;
            foreach (var error in windowErrors) item.Error(error.Field, error.Message);
            if (ended && windowErrors.Count == 0)
            {
                ignored.Add(new("maintenance", WindowKey(new MaintenanceWindow
                {
                    Servers = [.. input.Servers ?? []], Names = [.. input.Names ?? []], Tags = [.. input.Tags ?? []], Reason = input.Reason?.Trim() ?? "",
                }), item.Line));
                continue;
            }
            if (window is null) continue;
            var key = WindowKey(window);
            if (!windowsSeen.TryAdd(key, item))
            {
                item.Error("reason", $"the same scope and reason as {windowsSeen[key].Path} (line {windowsSeen[key].Line}): a window is known by them, give each its own reason");
                continue;
            }
            var stored = state.Windows.FirstOrDefault(w => !matched.Contains(w.Id) && WindowKey(w) == key);
            if (stored is not null)
            {
                matched.Add(stored.Id);
                window.Id = stored.Id;
                (window.CreatedBy, window.CreatedAt) = (stored.CreatedBy, stored.CreatedAt);
            }
            Compare("maintenance", key, item, stored is null ? null : ConfigExport.Window(stored), ConfigExport.Window(window), null,
                () => plan.NewWindows.Add(window), () => plan.ChangedWindows.Add(window));
        }
        if (prune)
            foreach (var window in state.Windows.Where(w => !matched.Contains(w.Id)))
            {
                deleted.Add(new("maintenance", WindowKey(window)));
                plan.EndedWindows.Add(window);
            }

        // Status pages
        var pagesSeen = new Dictionary<string, ConfigItem>();
        foreach (var item in sections["status_pages"])
        {
            var (page, pageErrors) = new StatusPageInput(item.Text("slug"), item.Text("title"), item.List("tags") ?? [], item.List("servers") ?? []).Check();
            foreach (var error in pageErrors) item.Error(error.Field, error.Message);
            if (page is null) continue;
            if (!pagesSeen.TryAdd(page.Slug, item))
            {
                item.Error("slug", $"'{page.Slug}' is already {pagesSeen[page.Slug].Path} (line {pagesSeen[page.Slug].Line})");
                continue;
            }
            var stored = state.Pages.FirstOrDefault(p => p.Slug == page.Slug);
            if (stored is not null) page.Id = stored.Id;
            Compare("status_page", page.Slug, item, stored is null ? null : ConfigExport.Page(stored), ConfigExport.Page(page), null,
                () => plan.NewPages.Add(page), () => plan.ChangedPages.Add(page));
        }
        if (prune)
            foreach (var page in state.Pages.Where(p => !pagesSeen.ContainsKey(p.Slug)))
            {
                deleted.Add(new("status_page", page.Slug));
                plan.DeletedPages.Add(page);
            }

        // A file that names its sections but holds nothing in any (an empty install's export) would, with prune,
        // delete everything: refused, since it is far likelier a wrong file than the wish to empty the install.
        if (prune && deleted.Count > 0 && sections.Values.All(s => s.Count == 0) && errors.Count == 0)
            errors.Add(new("prune", $"would delete everything this install holds ({deleted.Count} things) as the file holds nothing: " +
                "apply a file that holds what should stay, or delete them through the API or the pages"));
        if (errors.Count > 0) return (null, errors.OrderBy(e => e.Line ?? 0).ToList());
        plan.Diff = new ConfigDiff(dryRun, prune, created, changed, deleted, unchanged, ignored.Count > 0 ? ignored : null);
        return (plan, errors);
    }

    /// <summary>A script entry as the changes the write path takes: the whole configuration, defaults for what is left out.</summary>
    private static ScriptChanges? ReadScript(ConfigItem item)
    {
        var name = item.Text("name");
        var server = item.Text("server") ?? "";
        var period = item.Text("schedule");
        var cron = item.Text("cron");
        var tz = item.Text("tz");
        var grace = item.Text("grace");
        var before = ErrorCount(item);
        if (name is null) item.Error("name", "is required");
        else if (ScriptNames.NameError(name) is { } nameError) item.Error("name", nameError);
        if (ScriptNames.ServerError(server) is { } serverError) item.Error("server", serverError);

        Schedule? schedule = null;
        if (period is not null && cron is not null) item.Error("schedule", "cannot be combined with cron: give one or the other");
        else
        {
            if (period is not null && tz is not null) item.Error("tz", "only applies to cron");
            var kind = cron is not null ? ScheduleKind.Cron
                : period is null || period.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? ScheduleKind.None : ScheduleKind.Period;
            var (assembled, scheduleErrors) = ScheduleParts.Assemble(kind, period, cron, tz, grace, ScheduleNames);
            foreach (var error in scheduleErrors) item.Error(error.Field, error.Message);
            schedule = assembled;
        }

        var tags = item.List("tags") ?? [];
        var (parsedTags, tagsError) = ScriptTags.Parse(ScriptTags.Join(tags));
        if (tagsError is not null) item.Error("tags", tagsError);
        var failures = item.Number("failures") ?? 1;
        var recoveries = item.Number("recoveries") ?? 1;
        if (Script.ThresholdError(failures) is { } failuresError) item.Error("failures", failuresError);
        if (Script.ThresholdError(recoveries) is { } recoveriesError) item.Error("recoveries", recoveriesError);
        var max = Limit(item, "max_runtime");
        var min = Limit(item, "min_runtime");
        var paused = item.Flag("paused") ?? false;
        var heartbeat = item.Flag("heartbeat") ?? false;
        if (ErrorCount(item) > before || schedule is null) return null;

        var changes = new ScriptChanges
        {
            Name = name!.Trim(), Server = server.Trim(), Schedule = schedule, FailureThreshold = failures, RecoveryThreshold = recoveries,
            Tags = new(true, parsedTags), Heartbeat = heartbeat, Paused = paused, Runtime = new RuntimeLimits(new(true, max), new(true, min)),
        };
        foreach (var error in changes.Validate(creating: true))
            item.Error(error.Field switch { "failure_threshold" => "failures", "recovery_threshold" => "recoveries", var f => f }, error.Message);
        return ErrorCount(item) > before ? null : changes;
    }

    private static int ErrorCount(ConfigItem item) => item.ErrorCount;

    private static TimeSpan? Limit(ConfigItem item, string field)
    {
        var text = item.Text(field);
        if (RuntimeLimits.TryRead(text, out var limit)) return limit;
        item.Error(field, RuntimeLimits.LimitError);
        return null;
    }

    /// <summary>The script as the file would leave it, to say it in the export's words.</summary>
    private static Script Preview(ScriptChanges changes, string name, string server)
    {
        var script = new Script { Name = name, Server = server };
        script.Schedule = changes.Schedule.Value;
        script.FailureThreshold = changes.FailureThreshold.Value;
        script.RecoveryThreshold = changes.RecoveryThreshold.Value;
        script.Tags = ScriptTags.Join(changes.Tags.Value);
        script.Heartbeat = changes.Heartbeat.Value;
        script.Paused = changes.Paused.Value;
        script.MaxRuntimeSeconds = changes.Runtime.Max.Value is { } max ? (long)max.TotalSeconds : null;
        script.MinRuntimeSeconds = changes.Runtime.Min.Value is { } min ? (long)min.TotalSeconds : null;
        return script;
    }

    private static ChannelInput ReadChannel(ConfigItem item) => new()
    {
        Name = item.Text("name"), Kind = item.Text("kind"), Url = item.Text("url"), To = item.List("to"), ChatId = item.Text("chat_id"),
        Servers = item.List("servers"), Names = item.List("names"), Tags = item.List("tags"), GroupBy = item.Text("group_by"),
        GroupWait = item.Text("group_wait"), GroupInterval = item.Text("group_interval"), // The export leaves out a repeat_interval that is off: in a file, absent is off (not the API's default for email).
        RepeatInterval = item.Text("repeat_interval") ?? "off",
        SendResolved = item.Flag("send_resolved"), Anomalies = item.Flag("anomalies"), Secret = item.Text("secret"), Token = item.Text("token"),
    };

    public static string ScriptKey(string name, string server) => server.Length > 0 ? $"{name} on {server}" : name;

    /// <summary>A window's identity, in words: "tags db: nightly vacuum". The lists compare as sets.</summary>
    public static string WindowKey(MaintenanceWindow w)
    {
        var scope = new[] { ("servers", w.Servers), ("names", w.Names), ("tags", w.Tags) }
            .Where(p => p.Item2.Count > 0).Select(p => $"{p.Item1} {string.Join(",", p.Item2.Order(StringComparer.Ordinal))}");
        return $"{string.Join("; ", scope)}: {w.Reason}";
    }

    /// <summary>The fields whose values differ, in the export's words (snake_case, as in the file).</summary>
    private static IEnumerable<FieldChange> Changes<T>(T stored, T wanted)
    {
        var before = JsonSerializer.SerializeToNode(stored, Form)!.AsObject();
        var after = JsonSerializer.SerializeToNode(wanted, Form)!.AsObject();
        foreach (var (field, value) in after)
        {
            var old = before[field];
            if (!JsonNode.DeepEquals(old, value)) yield return new(field, old?.DeepClone(), value?.DeepClone());
        }
    }
}
