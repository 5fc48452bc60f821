namespace Scripto.Core.Scripts;

/// <summary>A report's thresholds (v2's failures= and recoveries=): set on the script when given.</summary>
public readonly record struct AlertThresholds(int? Failures = null, int? Recoveries = null)
{
    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Failures is { } f && Script.ThresholdError(f) is { } failures) errors.Add(new("failures", failures));
        if (Recoveries is { } r && Script.ThresholdError(r) is { } recoveries) errors.Add(new("recoveries", recoveries));
        return errors;
    }

    public void ApplyTo(Script script)
    {
        if (Failures is { } f) script.FailureThreshold = f;
        if (Recoveries is { } r) script.RecoveryThreshold = r;
    }
}
