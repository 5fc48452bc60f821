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
        var fields = new JsonFields(body).RefuseUnknown(Known, ReadOnly, "a maintenance window");

        var input = new MaintenanceInput
        {
            Servers = fields.List("servers"), Names = fields.List("names"), Tags = fields.List("tags"), From = fields.Text("from"), Until = fields.Text("until"),
            For = fields.Text("for"), Cron = fields.Text("cron"), TimeZone = fields.Text("time_zone"), Duration = fields.Text("duration"), Reason = fields.Text("reason"),
        };
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (input, fields.Errors);
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
