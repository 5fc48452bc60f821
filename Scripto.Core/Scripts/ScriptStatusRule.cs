using System.Linq.Expressions;

namespace Scripto.Core.Scripts;

/// <summary>
/// A script's status as a pure function of its stored row and the clock, written once as an expression so that
/// SQLite computes the same thing (to sort, filter and count 100,000 scripts) as the C# that colours a chip.
/// The due times it compares with are set by the writer from the schedule (Script.Recompute), and so is the end of
/// the maintenance window that covers it (MaintenanceUntil, see Maintenance/).
/// </summary>
public static class ScriptStatusRule
{
    /// <summary>The rule with "a maintenance window covers it now" left open: what would be Late or Down reads as Maintenance then.</summary>
    private static readonly Expression<Func<Script, DateTime, bool, ScriptStatus>> Template = (s, now, held) =>
        s.Paused ? ScriptStatus.Paused
        : s.Health == Health.New && s.StartedAt == null ? ScriptStatus.NeverReported
        : s.StartedAt != null && (s.LastExec == null || s.StartedAt > s.LastExec)
            ? (s.DownAt != null && s.DownAt <= now ? (held ? ScriptStatus.Maintenance : ScriptStatus.Down) : ScriptStatus.Running)
        // Silence past grace shows, also after a failed run: a failed script that stops reporting is Down.
        : s.DownAt != null && s.DownAt <= now ? (held ? ScriptStatus.Maintenance : ScriptStatus.Down)
        // A reported failure is a fact even in a window: it shows (and waits, unannounced, for the window's end).
        : s.LastStatus == false ? ScriptStatus.Failed
        : s.DueAt != null && s.DueAt <= now ? (held ? ScriptStatus.Maintenance : ScriptStatus.Late)
        : s.SoonAt != null && s.SoonAt <= now ? ScriptStatus.Soon
        : ScriptStatus.Ok;

    private static readonly Expression<Func<Script, DateTime, bool>> InWindow = (s, now) =>
        s.MaintenanceUntil != null && s.MaintenanceUntil > now;

    /// <summary>The status people see.</summary>
    public static readonly Expression<Func<Script, DateTime, ScriptStatus>> Rule = Fill(
        new Substitute(InWindow.Parameters[0], Template.Parameters[0])
            .Then(InWindow.Parameters[1], Template.Parameters[1]).Visit(InWindow.Body));

    /// <summary>The status as if no window covered the script: what flips record and what notifications decide on.</summary>
    public static readonly Expression<Func<Script, DateTime, ScriptStatus>> Unmasked = Fill(Expression.Constant(false));

    private static readonly Func<Script, DateTime, ScriptStatus> Compiled = Rule.Compile();
    private static readonly Func<Script, DateTime, ScriptStatus> CompiledUnmasked = Unmasked.Compile();

    public static ScriptStatus Of(Script script, DateTime utcNow) => Compiled(script, utcNow);

    /// <summary>Late or Down where <see cref="Of"/> says Maintenance.</summary>
    public static ScriptStatus UnmaskedOf(Script script, DateTime utcNow) => CompiledUnmasked(script, utcNow);

    /// <summary>The rule with the clock bound, for a query: the time becomes a SQL parameter, not a literal.</summary>
    public static Expression<Func<Script, ScriptStatus>> At(DateTime utcNow)
    {
        var clock = new Clock(utcNow);
        var now = Expression.Field(Expression.Constant(clock), nameof(Clock.Now));
        var body = new Substitute(Rule.Parameters[1], now).Visit(Rule.Body);
        return Expression.Lambda<Func<Script, ScriptStatus>>(body, Rule.Parameters[0]);
    }

    private static Expression<Func<Script, DateTime, ScriptStatus>> Fill(Expression held) =>
        Expression.Lambda<Func<Script, DateTime, ScriptStatus>>(
            new Substitute(Template.Parameters[2], held).Visit(Template.Body), Template.Parameters[0], Template.Parameters[1]);

    private sealed class Clock(DateTime now)
    {
        public readonly DateTime Now = now;
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> _map = new() { [from] = to };

        public Substitute Then(ParameterExpression other, Expression with)
        {
            _map[other] = with;
            return this;
        }

        protected override Expression VisitParameter(ParameterExpression node) => _map.GetValueOrDefault(node, node);
    }
}
