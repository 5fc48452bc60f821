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

    /// <summary>
    /// The changes as they will be stored: names trimmed, a missing server empty, and a report that carries a
    /// status but no time stamped with <paramref name="utcNow"/> (it ran now).
    /// </summary>
    public ScriptChanges Resolve(DateTime utcNow) => this with
    {
        Name = Name.IsPresent ? Name.Value.Trim() : Name,
        Server = Server.IsPresent ? Server.Value?.Trim() ?? "" : Server,
        LastExec = !LastExec.IsPresent && Status is { IsPresent: true, Value: not null } ? utcNow : LastExec,
    };

    /// <summary>Sets the present fields of resolved changes on a script.</summary>
    internal void ApplyTo(Script script)
    {
        if (Name.IsPresent) script.Name = Name.Value;
        if (Server.IsPresent) script.Server = Server.Value;
        if (Status.IsPresent) script.LastStatus = Status.Value;
        if (LastExec.IsPresent) script.LastExec = LastExec.Value;
        if (Periodicity.IsPresent) script.Periodicity = Periodicity.Value;
    }
}

/// <summary>One thing wrong with a request, named by its field as the API spells it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"'{Field}' {Message}";
}
