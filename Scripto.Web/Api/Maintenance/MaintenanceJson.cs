using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.Maintenance;

/// <summary>
/// Reads a window from a JSON body (admins, the full form) or from the query string (the one-curl form from the
/// machine under maintenance: server, for or until, from, reason). Each field of the type it must have, no unknown
/// field; the domain rules are MaintenanceRules'.
/// </summary>
public static class MaintenanceJson
{
    private static readonly string[] ReadOnly = ["id", "state", "created_by", "created_at", "ended_at", "current", "next"];

    private static readonly string[] Known = ["servers", "names", "tags", "from", "until", "for", "cron", "time_zone", "duration", "reason"];

    private static readonly string[] QueryKnown = ["server", "from", "until", "for", "reason"];

    public static (MaintenanceInput? Input, List<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name) && !ReadOnly.Contains(p.Name)))
            errors.Add(new(Excerpt.Of(property.Name), $"is not a field of a maintenance window (they are {string.Join(", ", Known)})"));

        string? Text(string field)
        {
            if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors.Add(new(field, "must be a string"));
            return null;
        }
        IReadOnlyList<string>? List(string field)
        {
            if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                return value.EnumerateArray().Select(e => e.GetString()!).ToList();
            errors.Add(new(field, "must be a list of strings"));
            return null;
        }

        var input = new MaintenanceInput
        {
            Servers = List("servers"), Names = List("names"), Tags = List("tags"), From = Text("from"), Until = Text("until"),
            For = Text("for"), Cron = Text("cron"), TimeZone = Text("time_zone"), Duration = Text("duration"), Reason = Text("reason"),
        };
        return errors.Count > 0 ? (null, errors) : (input, errors);
    }

    public static (MaintenanceInput? Input, List<FieldError> Errors) Read(IQueryCollection query)
    {
        var errors = new List<FieldError>();
        foreach (var key in query.Keys.Where(k => !QueryKnown.Contains(k)))
            errors.Add(new(Excerpt.Of(key), $"is not a parameter of a maintenance window (they are {string.Join(", ", QueryKnown)}; send JSON for more)"));
        string? One(string key)
        {
            if (!query.TryGetValue(key, out var values)) return null;
            if (values.Count > 1) errors.Add(new(key, "must be given once"));
            return values.ToString();
        }
        if (!query.ContainsKey("server")) errors.Add(new("server", "is needed: the server the window is for, such as server=$(hostname)"));
        var server = One("server");
        var input = new MaintenanceInput
        {
            Servers = server is null ? null : [server], From = One("from"), Until = One("until"), For = One("for"), Reason = One("reason"),
        };
        return errors.Count > 0 ? (null, errors) : (input, errors);
    }
}
