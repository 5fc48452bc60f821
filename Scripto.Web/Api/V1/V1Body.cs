using System.Text.Json;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;
using Fields = Scripto.Web.Api.V1.V1ScriptInput.Fields;

namespace Scripto.Web.Api.V1;

/// <summary>
/// Turns a v1 input into the changes it asks for, or into the first-class reasons it is refused.
/// Strict where the original was silent: a typo in a field name must not be dropped without a word.
/// </summary>
public static class V1Body
{
    public const int MaxBytes = 64 * 1024;
    private const string FieldNames = "id, name, server, status, last_exec, periodicity";

    public static (ScriptChanges Changes, List<FieldError> Errors) Parse(V1ScriptInput input, long? urlId, TimeProvider clock)
    {
        var errors = new List<FieldError>();
        var changes = new ScriptChanges { FromV1 = true };
        foreach (var (name, value) in input.Others ?? [])
        {
            if (name != "id")
                errors.Add(new(Excerpt.Of(name), $"is not a field of a script (the fields are {FieldNames})"));
            else if (urlId is null)
                errors.Add(new("id", "is assigned by the server; leave it out when creating"));
            else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var id))
                errors.Add(new("id", $"must be a number, not {V1Json.Describe(value)}"));
            else if (id != urlId)
                errors.Add(new("id", $"must match the id in the URL ({urlId})"));
        }
        if (input.Given.HasFlag(Fields.Name))
        {
            if (input.Name is { } name) changes = changes with { Name = name };
            else errors.Add(new("name", "must be a string, not null"));
        }
        if (input.Given.HasFlag(Fields.Server)) changes = changes with { Server = input.Server ?? "" };
        if (input.Given.HasFlag(Fields.Status)) changes = changes with { Status = input.Status };
        if (input.Given.HasFlag(Fields.LastExec))
        {
            if (input.LastExec is null) changes = changes with { LastExec = (DateTime?)null };
            else if (V1Timestamp.TryParse(input.LastExec, clock, out var at, out var zoned))
            {
                // A clock a little ahead is tolerated; a time years away would only poison the due times.
                if (at.Year < 1970 || at > clock.GetUtcNow().UtcDateTime.AddDays(1))
                    errors.Add(new("last_exec", "must be after 1970 and at most a day ahead of the server's clock"));
                else changes = changes with { LastExec = at, LastExecZoned = zoned };
            }
            else errors.Add(new("last_exec", V1Json.TimeRefusal));
        }
        if (input.Given.HasFlag(Fields.Periodicity))
        {
            // v1's words are period schedules; null is no schedule.
            if (input.Periodicity is null) changes = changes with { Schedule = Schedule.None };
            else if (PeriodicityExtensions.TryParse(input.Periodicity, out var p)) changes = changes with { Schedule = Schedule.Every(p) };
            else errors.Add(new("periodicity", V1Json.PeriodicityRefusal));
        }
        return (changes, errors);
    }
}
