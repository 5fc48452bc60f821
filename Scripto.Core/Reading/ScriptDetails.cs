using Scripto.Core.Scripts;

namespace Scripto.Core.Reading;

/// <summary>Everything the script page shows: the script, its status now, its latest runs and flips (newest first).</summary>
public sealed record ScriptDetails(Script Script, ScriptStatus Status, IReadOnlyList<Run> Runs, IReadOnlyList<Flip> Flips);
