using System.Text.Json;
using Scripto.Core.Schedules;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V1;

/// <summary>
/// Turns a v1 request body into the changes it asks for, or into the first-class reasons it is refused.
/// Strict where the original was silent: a typo in a field name must not be dropped without a word.
/// </summary>
public static class V1Body
{
    public const int MaxBytes = 64 * 1024;
    private const string Fields = "id, name, server, status, last_exec, periodicity";

    public static (ScriptChanges Changes, List<FieldError> Errors) Parse(JsonElement body, long? urlId, TimeProvider clock)
    {
        var errors = new List<FieldError>();
        var changes = new ScriptChanges { FromV1 = true };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (!seen.Add(name))
            {
                errors.Add(new(Excerpt.Of(name), "appears more than once"));
                continue;
            }
            switch (name)
            {
                case "id":
                    if (urlId is null)
                        errors.Add(new("id", "is assigned by the server; leave it out when creating"));
                    else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var id))
                        errors.Add(new("id", $"must be a number, not {Describe(value)}"));
                    else if (id != urlId)
                        errors.Add(new("id", $"must match the id in the URL ({urlId})"));
                    break;
                case "name":
                    if (value.ValueKind == JsonValueKind.String) changes = changes with { Name = value.GetString()! };
                    else errors.Add(new("name", $"must be a string, not {Describe(value)}"));
                    break;
                case "server":
                    if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null) changes = changes with { Server = value.GetString() ?? "" };
                    else errors.Add(new("server", $"must be a string, not {Describe(value)}"));
                    break;
                case "status":
                    if (ReadStatus(value, out var status)) changes = changes with { Status = status };
                    else errors.Add(new("status", $"must be true, false, 1, 0 or null, not {Describe(value)}"));
                    break;
                case "last_exec":
                    if (value.ValueKind == JsonValueKind.Null) changes = changes with { LastExec = (DateTime?)null };
                    else if (value.ValueKind == JsonValueKind.String && V1Timestamp.TryParse(value.GetString()!, clock, out var at))
                    {
                        // A clock a little ahead is tolerated; a time years away would only poison the due times.
                        if (at.Year < 1970 || at > clock.GetUtcNow().UtcDateTime.AddDays(1))
                            errors.Add(new("last_exec", "must be after 1970 and at most a day ahead of the server's clock"));
                        else changes = changes with { LastExec = at };
                    }
                    else errors.Add(new("last_exec", "must be a time like 2017-08-02T14:16:25 (UTC), an ISO 8601 time with an offset, a date, CURRENT_TIMESTAMP, LOCALTIMESTAMP or CURRENT_DATE"));
                    break;
                case "periodicity":
                    // v1's words are period schedules; null is no schedule.
                    if (value.ValueKind == JsonValueKind.Null) changes = changes with { Schedule = Schedule.None };
                    else if (value.ValueKind == JsonValueKind.String && PeriodicityExtensions.TryParse(value.GetString(), out var p))
                        changes = changes with { Schedule = Schedule.Every(p) };
                    else errors.Add(new("periodicity", "must be hourly, daily, weekly, monthly or null"));
                    break;
                default:
                    errors.Add(new(Excerpt.Of(name), $"is not a field of a script (the fields are {Fields})"));
                    break;
            }
        }
        return (changes, errors);
    }

    private static bool ReadStatus(JsonElement value, out bool? status)
    {
        status = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.True: status = true; return true;
            case JsonValueKind.False: status = false; return true;
            case JsonValueKind.Null: return true;
            case JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1:
                status = n == 1;
                return true;
            default: return false;
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {Excerpt.Of(value.GetRawText())}",
        JsonValueKind.String => $"the string \"{Excerpt.Of(value.GetString()!)}\"",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

}
