namespace Scripto.Core.Scripts;

/// <summary>
/// The fields a request sets on a script. Only present fields change: the original's shell clients
/// PUT without a periodicity, and that must not erase it.
/// </summary>
public sealed record ScriptChanges
{
    public Optional<string> Name { get; init; }
    public Optional<string> Server { get; init; }
    public Optional<bool?> Status { get; init; }
    public Optional<DateTime?> LastExec { get; init; }
    public Optional<Periodicity?> Periodicity { get; init; }

    public bool IsEmpty =>
        !Name.IsPresent && !Server.IsPresent && !Status.IsPresent && !LastExec.IsPresent && !Periodicity.IsPresent;

    /// <summary>Domain rules, checked before a change is queued so that a refused request writes nothing.</summary>
    public IReadOnlyList<FieldError> Validate(bool creating)
    {
        var errors = new List<FieldError>();
        if (creating && !Name.IsPresent)
            errors.Add(new("name", "is required"));
        if (Name.IsPresent)
        {
            var name = Name.Value?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add(new("name", "must not be empty"));
            else if (name.Length > Script.MaxNameLength)
                errors.Add(new("name", $"must be at most {Script.MaxNameLength} characters"));
            else if (name.Any(char.IsControl))
                errors.Add(new("name", "must not contain control characters"));
        }
        if (Server.IsPresent && (Server.Value?.Trim().Length ?? 0) > Script.MaxServerLength)
            errors.Add(new("server", $"must be at most {Script.MaxServerLength} characters"));
        if (Server.IsPresent && Server.Value is { } server && server.Any(char.IsControl))
            errors.Add(new("server", "must not contain control characters"));
        if (LastExec.IsPresent && LastExec.Value is { Kind: not DateTimeKind.Utc })
            errors.Add(new("last_exec", "must be a UTC time"));
        return errors;
    }

    /// <summary>Applies the present fields. A report with a status but no time ran now.</summary>
    internal void ApplyTo(Script script, DateTime utcNow)
    {
        if (Name.IsPresent) script.Name = Name.Value.Trim();
        if (Server.IsPresent) script.Server = Server.Value?.Trim() ?? "";
        if (Status.IsPresent) script.LastStatus = Status.Value;
        if (LastExec.IsPresent) script.LastExec = LastExec.Value;
        else if (Status.IsPresent && Status.Value is not null) script.LastExec = utcNow;
        if (Periodicity.IsPresent) script.Periodicity = Periodicity.Value;
    }
}

/// <summary>One thing wrong with a request, named by its field as the API spells it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"'{Field}' {Message}";
}
