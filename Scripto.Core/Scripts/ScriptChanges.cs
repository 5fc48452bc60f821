using Scripto.Core.Schedules;

namespace Scripto.Core.Scripts;

/// <summary>
/// The fields a request sets on a script. Only present fields change: the original's shell clients
/// PUT without a periodicity, and that must not erase it.
/// </summary>
public sealed record ScriptChanges
{
    public Optional<string> Name { get; init; }
    public Optional<string> Server { get; init; }

    /// <summary>v1's status: true/false is a report of a finished run; null makes the script never reported again.</summary>
    public Optional<bool?> Status { get; init; }

    /// <summary>v1's last_exec: when the reported run finished (now when a status comes without it).</summary>
    public Optional<DateTime?> LastExec { get; init; }

    /// <summary>
    /// Whether last_exec named its zone (v1: an offset or Z). One that did not may be the client's local time: kept
    /// and shown as sent, but a report with it counts from its arrival (Script.Apply). True unless v1 says otherwise.
    /// </summary>
    public bool LastExecZoned { get; init; } = true;

    public Optional<Schedule> Schedule { get; init; }

    /// <summary>
    /// The change comes from v1, which knows only four periods: its lateness is measured from last_exec whatever
    /// was changed (a UI edit counts a new schedule from now), and its null periodicity leaves alone a schedule
    /// it cannot express (cron, 15m), which a v1 client that GETs and PUTs back would otherwise erase unseen.
    /// </summary>
    public bool FromV1 { get; init; }
    public Optional<bool> Paused { get; init; }

    /// <summary>Failed runs in a row before the script is announced down; good runs in a row before it is resolved.</summary>
    public Optional<int> FailureThreshold { get; init; }
    public Optional<int> RecoveryThreshold { get; init; }

    /// <summary>The script's tags, replacing those it had (already parsed: see <see cref="ScriptTags.Parse"/>).</summary>
    public Optional<IReadOnlyList<string>> Tags { get; init; }

    /// <summary>Whether the script is its server's heartbeat (see ServerSilence).</summary>
    public Optional<bool> Heartbeat { get; init; }

    /// <summary>Max and min runtime (null clears one).</summary>
    public RuntimeLimits Runtime { get; init; }

    /// <summary>Domain rules, checked before a change is queued so that a refused request writes nothing.</summary>
    public IReadOnlyList<FieldError> Validate(bool creating)
    {
        var errors = new List<FieldError>();
        if (creating && !Name.IsPresent)
            errors.Add(new("name", "is required"));
        if (Name.IsPresent && ScriptNames.NameError(Name.Value) is { } nameError)
            errors.Add(new("name", nameError));
        if (Server.IsPresent && ScriptNames.ServerError(Server.Value) is { } serverError)
            errors.Add(new("server", serverError));
        if (FailureThreshold.IsPresent && Script.ThresholdError(FailureThreshold.Value) is { } failures)
            errors.Add(new("failure_threshold", failures));
        if (RecoveryThreshold.IsPresent && Script.ThresholdError(RecoveryThreshold.Value) is { } recoveries)
            errors.Add(new("recovery_threshold", recoveries));
        if (Tags.IsPresent && ScriptTags.Parse(ScriptTags.Join(Tags.Value)) is { Error: { } tagsError })
            errors.Add(new("tags", tagsError));
        errors.AddRange(Runtime.Validate());
        if (LastExec.IsPresent && LastExec.Value is { Kind: not DateTimeKind.Utc })
            errors.Add(new("last_exec", "must be a UTC time"));
        return errors;
    }
}

/// <summary>The rules for a script's name and server, shared by every API and the UI.</summary>
public static class ScriptNames
{
    public static string? NameError(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) return "must not be empty";
        if (name.Length > Script.MaxNameLength) return $"must be at most {Script.MaxNameLength} characters";
        return name.Any(IsControl) ? ControlError : null;
    }

    public static string? ServerError(string? server)
    {
        server = server?.Trim() ?? "";
        if (server.Length > Script.MaxServerLength) return $"must be at most {Script.MaxServerLength} characters";
        return server.Any(IsControl) ? ControlError : null;
    }

    private const string ControlError = "must not contain control characters nor invisible ones (such as U+200B or the bidirectional override U+202E)";

    /// <summary>
    /// Control characters, and invisible ones: format characters (zero-width spaces and joiners, soft hyphens, the
    /// bidirectional embeddings, overrides and isolates with which "backup\u202Ehs.exe" shows as "backupexe.sh"),
    /// line and paragraph separators, and fillers that render as nothing: a second "admin" that looks the same.
    /// </summary>
    private static bool IsControl(char c) =>
        char.IsControl(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800';
}
