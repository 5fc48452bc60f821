using System.Linq.Expressions;

namespace Scripto.Core.Scripts;

/// <summary>
/// A script's status as a pure function of its stored row and the clock, written once as an expression so that
/// SQLite computes the same thing (to sort, filter and count 100,000 scripts) as the C# that colours a chip.
/// v1's thresholds: late once the time since the last run reaches the period, soon within a window before that.
/// </summary>
public static class ScriptStatusRule
{
    private static readonly TimeSpan Hour = Periodicity.Hourly.Period(), Day = Periodicity.Daily.Period(),
        Week = Periodicity.Weekly.Period(), Month = Periodicity.Monthly.Period();
    private static readonly TimeSpan HourSoon = Hour - Periodicity.Hourly.SoonWindow(), DaySoon = Day - Periodicity.Daily.SoonWindow(),
        WeekSoon = Week - Periodicity.Weekly.SoonWindow(), MonthSoon = Month - Periodicity.Monthly.SoonWindow();

    public static readonly Expression<Func<Script, DateTime, ScriptStatus>> Rule = (s, now) =>
        s.LastStatus == null ? ScriptStatus.NeverReported
        : s.LastStatus == false ? ScriptStatus.Failed
        : s.Periodicity == null ? ScriptStatus.Ok
        : s.LastExec == null ? ScriptStatus.Late
        : (s.Periodicity == Scripts.Periodicity.Hourly && s.LastExec <= now - Hour)
          || (s.Periodicity == Scripts.Periodicity.Daily && s.LastExec <= now - Day)
          || (s.Periodicity == Scripts.Periodicity.Weekly && s.LastExec <= now - Week)
          || (s.Periodicity == Scripts.Periodicity.Monthly && s.LastExec <= now - Month) ? ScriptStatus.Late
        : (s.Periodicity == Scripts.Periodicity.Hourly && s.LastExec <= now - HourSoon)
          || (s.Periodicity == Scripts.Periodicity.Daily && s.LastExec <= now - DaySoon)
          || (s.Periodicity == Scripts.Periodicity.Weekly && s.LastExec <= now - WeekSoon)
          || (s.Periodicity == Scripts.Periodicity.Monthly && s.LastExec <= now - MonthSoon) ? ScriptStatus.Soon
        : ScriptStatus.Ok;

    private static readonly Func<Script, DateTime, ScriptStatus> Compiled = Rule.Compile();

    public static ScriptStatus Of(Script script, DateTime utcNow) => Compiled(script, utcNow);

    /// <summary>When the next run is due, for scripts with a schedule that have run.</summary>
    public static DateTime? NextDue(Script script) =>
        script is { Periodicity: { } p, LastExec: { } last } ? last + p.Period() : null;

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
