namespace Scripto.Core.Writing;

/// <summary>
/// How the writer answers its callers: never on its own thread (an answer's continuation is the caller's code, and for
/// a report that is the endpoint, the response and Kestrel's send). One work item for a whole batch, rather than one
/// per change: the pool wakes one thread per batch, not up to one per report, and that thread answers them in turn.
/// </summary>
internal static class Answers
{
    // SCRIPTO_WRITER_ANSWERS=each: one work item per change (as RunContinuationsAsynchronously did), for A/B runs.
    private static readonly bool Each = Environment.GetEnvironmentVariable("SCRIPTO_WRITER_ANSWERS") == "each";

    public static void Results(IReadOnlyList<WriteCommand> commands, WriteResult[] results)
    {
        if (Each)
        {
            for (var i = 0; i < commands.Count; i++)
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Command.Completion.TrySetResult(s.Result), (Command: commands[i], Result: results[i]), preferLocal: true);
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            for (var i = 0; i < s.Commands.Length; i++) s.Commands[i].Completion.TrySetResult(s.Results[i]);
        }, (Commands: commands.ToArray(), Results: results), preferLocal: false);
    }

    public static void Result(WriteCommand command, WriteResult result) => Results([command], [result]);

    public static void Error(IReadOnlyList<WriteCommand> commands, Exception error) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            foreach (var command in s.Commands) command.Completion.TrySetException(s.Error);
        }, (Commands: commands.ToArray(), Error: error), preferLocal: false);

    public static void Error(WriteCommand command, Exception error) => Error([command], error);
}
