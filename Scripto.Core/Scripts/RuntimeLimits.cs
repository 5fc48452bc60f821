namespace Scripto.Core.Scripts;

/// <summary>A change of a script's runtime limits (v2's max_runtime= and min_runtime=, the script page): absent keeps, null clears.</summary>
public readonly record struct RuntimeLimits(Optional<TimeSpan?> Max = default, Optional<TimeSpan?> Min = default)
{
    public bool IsEmpty => !Max.IsPresent && !Min.IsPresent;

    public const string LimitError = "must be a duration from 1s to 7d, such as 90s, 30m or 2h, or off";

    /// <summary>One limit as a ping or the script page gives it: a duration from 1 s to 7 days, or off (or nothing) to clear it.</summary>
    public static bool TryRead(string? text, out TimeSpan? limit)
    {
        limit = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return true;
        if (!Schedules.ScheduleText.TryParseInterval(text, out var span, out _) || Script.RuntimeError(span) is not null) return false;
        limit = span;
        return true;
    }

    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Max is { IsPresent: true, Value: { } max } && Script.RuntimeError(max) is { } maxError) errors.Add(new("max_runtime", maxError));
        if (Min is { IsPresent: true, Value: { } min } && Script.RuntimeError(min) is { } minError) errors.Add(new("min_runtime", minError));
        if (Max is { IsPresent: true, Value: { } m } && Min is { IsPresent: true, Value: { } n } && n >= m)
            errors.Add(new("min_runtime", "must be shorter than max_runtime"));
        return errors;
    }

    public void ApplyTo(Script script)
    {
        if (IsEmpty) return;
        if (Max.IsPresent) script.MaxRuntimeSeconds = Max.Value is { } max ? (long)max.TotalSeconds : null;
        if (Min.IsPresent) script.MinRuntimeSeconds = Min.Value is { } min ? (long)min.TotalSeconds : null;
        script.Recompute(); // a running script's down time follows its new limit
    }
}
