namespace Scripto.Core;

/// <summary>Scripto.Core's settings (appsettings.json: ConnectionStrings:Scripto, Storage, Runs).</summary>
public sealed record ScriptoOptions
{
    public string ConnectionString { get; init; } = "Data Source=scripto.db";

    /// <summary>SQLite's synchronous in WAL mode: NORMAL survives a killed process, FULL also a power cut.</summary>
    public string Synchronous { get; init; } = "NORMAL";

    /// <summary>How many runs each script keeps in its history.</summary>
    public int KeepRuns { get; init; } = 100;

    /// <summary>How many scripts there may be at most (Limits:MaxScripts): a runaway loop of first pings stops there.</summary>
    public int MaxScripts { get; init; } = 100_000;

    /// <summary>What is wrong with these settings, one sentence each naming the setting; none when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Synchronous.ToUpperInvariant() is not ("NORMAL" or "FULL" or "EXTRA"))
            problems.Add($"Storage:Synchronous must be NORMAL, FULL or EXTRA, not '{Synchronous}'.");
        if (KeepRuns < 1) problems.Add($"Runs:Keep must be at least 1, not {KeepRuns}.");
        if (MaxScripts < 1) problems.Add($"Limits:MaxScripts must be at least 1, not {MaxScripts}.");
        return problems;
    }
}
