using System.Linq.Expressions;

namespace Scripto.Core.Scripts;

/// <summary>
/// A script's status as a pure function of its stored row and the clock, written once as an expression so that
/// SQLite computes the same thing (to sort, filter and count 100,000 scripts) as the C# that colours a chip.
/// The due times it compares with are set by the writer from the schedule (Script.Recompute).
/// </summary>
public static class ScriptStatusRule
{
    public static readonly Expression<Func<Script, DateTime, ScriptStatus>> Rule = (s, now) =>
        s.Paused ? ScriptStatus.Paused
        : s.Health == Health.New && s.StartedAt == null ? ScriptStatus.NeverReported
        : s.StartedAt != null && (s.LastExec == null || s.StartedAt > s.LastExec)
            ? (s.DownAt != null && s.DownAt <= now ? ScriptStatus.Down : ScriptStatus.Running)
        // Silence past grace shows, also after a failed run: a failed script that stops reporting is Down.
        : s.DownAt != null && s.DownAt <= now ? ScriptStatus.Down
        : s.LastStatus == false ? ScriptStatus.Failed
        : s.DueAt != null && s.DueAt <= now ? ScriptStatus.Late
        : s.SoonAt != null && s.SoonAt <= now ? ScriptStatus.Soon
        : ScriptStatus.Ok;

    private static readonly Func<Script, DateTime, ScriptStatus> Compiled = Rule.Compile();

    public static ScriptStatus Of(Script script, DateTime utcNow) => Compiled(script, utcNow);

    /// <summary>The rule with the clock bound, for a query: the time becomes a SQL parameter, not a literal.</summary>
    public static Expression<Func<Script, ScriptStatus>> At(DateTime utcNow)
    {
        var clock = new Clock(utcNow);
        var now = Expression.Field(Expression.Constant(clock), nameof(Clock.Now));
        var body = new Substitute(Rule.Parameters[1], now).Visit(Rule.Body);
        return Expression.Lambda<Func<Script, ScriptStatus>>(body, Rule.Parameters[0]);
    }

    private sealed class Clock(DateTime now)
    {
        public readonly DateTime Now = now;
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
