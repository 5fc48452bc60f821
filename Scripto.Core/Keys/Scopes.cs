namespace Scripto.Core.Keys;

/// <summary>What a key (or a person) may do. Admin includes the others.</summary>
[Flags]
public enum Scopes
{
    None = 0,

    /// <summary>Report runs, and create scripts by reporting them.</summary>
    Report = 1,

    /// <summary>See scripts: the dashboard, the read API, metrics.</summary>
    Read = 2,

    /// <summary>Delete scripts, pause them, change schedules, manage keys.</summary>
    Admin = 4 | Report | Read,
}

public static class ScopeNames
{
    public static readonly (Scopes Scope, string Name)[] All = [(Scopes.Report, "report"), (Scopes.Read, "read"), (Scopes.Admin, "admin")];

    public static string Format(Scopes scopes) =>
        scopes.HasFlag(Scopes.Admin) ? "admin" : string.Join(",", All.Where(s => s.Scope != Scopes.Admin && scopes.HasFlag(s.Scope)).Select(s => s.Name));

    /// <summary>"report,read" or "admin"; null when a word is not a scope.</summary>
    public static Scopes? Parse(string? text)
    {
        var scopes = Scopes.None;
        foreach (var word in (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = All.FirstOrDefault(s => s.Name.Equals(word, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null) return null;
            scopes |= match.Scope;
        }
        return scopes == Scopes.None ? null : scopes;
    }
}
