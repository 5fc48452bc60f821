using Scripto.Core.Changes;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Writing;

/// <summary>What a command works with inside a batch: the store, the batch's time, and what to announce after the commit.</summary>
internal sealed class WriteContext(ScriptStore store, DateTime now, TouchedScripts touched, long scripts = 0, long maxScripts = long.MaxValue)
{
    /// <summary>How many scripts there are with this batch's changes so far.</summary>
    public long Scripts { get; private set; } = scripts;

    /// <summary>Whether one more script would pass Limits:MaxScripts.</summary>
    public bool Full => Scripts >= maxScripts;

    public void Deleted() => Scripts--;

    public ScriptStore Store => store;
    public DateTime Now => now;
    public List<ScriptChange> Changes { get; } = [];

    /// <summary>The status changes of this batch, to log once they are committed.</summary>
    public List<(Script Script, Flip Flip)> Flips { get; } = [];

    public void Record(Script script, Flip flip)
    {
        store.Append(flip);
        Flips.Add((script, flip));
    }

    /// <summary>
    /// Stores a script after a change, appends its run, and records a flip when its stored status changed.
    /// <paramref name="loaded"/> is the script as it was read (null for one just created), <paramref name="before"/>
    /// its flip state before the change (New for a script just created).
    /// </summary>
    public Script Save(Script script, Script? loaded, FlipState before, Run? run, Func<string> reason)
    {
        var created = loaded is null;
        if (created)
        {
            store.Insert(script);
            Scripts++;
        }
        else store.Update(loaded!, script);

        if (run is not null)
        {
            run.ScriptId = script.Id;
            store.Append(run);
            touched.Add(script.Id);
        }
        var after = script.FlipStateAt(now);
        if (after != before)
            Record(script, new Flip { ScriptId = script.Id, At = now, From = before, To = after, Reason = reason() });
        Changes.Add(new ScriptChange(script.Id, created ? ScriptChangeKind.Created : ScriptChangeKind.Updated));
        return script.Snapshot();
    }

    public static string Describe(Run? run) => run switch
    {
        null => "",
        { Signal: Signal.Start } => "started",
        { Signal: Signal.Success, ExitCode: { } code } => $"reported success (exit code {code})",
        { Signal: Signal.Success } => "reported success",
        { ExitCode: { } code } => $"reported failure (exit code {code})",
        _ => "reported failure",
    };
}
