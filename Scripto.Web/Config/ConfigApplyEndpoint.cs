using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scripto.Core.Config;
using Scripto.Web.Api;
using Scripto.Web.Security;

namespace Scripto.Web.Config;

/// <summary>
/// POST /api/v2/config (admin): a file in the export's form, YAML or JSON by its Content-Type, checked whole. With
/// <c>dry_run=1</c> it answers the diff and writes nothing; without, it applies the diff in one transaction and
/// answers it. <c>prune=1</c> also deletes what the file does not hold. A refused file: 400 naming line and field.
/// </summary>
public static class ConfigApplyEndpoint
{
    public const int MaxBytes = 8 * 1024 * 1024;

    public static readonly JsonSerializerOptions DiffJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private static readonly string[] YamlTypes = ["application/yaml", "text/yaml", "application/x-yaml"];

    public static void MapConfigApply(this WebApplication app) =>
        app.MapPost("/api/v2/config", async (HttpContext http, ConfigImport import) =>
        {
            var request = http.Request;
            var type = request.GetTypedHeaders().ContentType?.MediaType.Value?.ToLowerInvariant();
            var json = type == "application/json";
            if (!json && !YamlTypes.Contains(type))
                return Problems.Refusal(415, "Unsupported media type",
                    "Send the file with Content-Type application/yaml (or text/yaml, application/x-yaml) or application/json.", "Content-Type");
            var errors = new List<ConfigError>();
            // A misspelt dry_run must not apply the file.
            foreach (var key in request.Query.Keys.Where(k => k is not ("dry_run" or "prune")))
                errors.Add(new(key, "is not a parameter here (they are dry_run and prune)"));
            var dryRun = Switch(request, "dry_run", errors);
            var prune = Switch(request, "prune", errors);
            if (errors.Count > 0) return Invalid(errors);
            if (await RequestBody.ReadAsync(request, MaxBytes, http.RequestAborted) is not { } body)
                return Problems.Refusal(413, "File too large", $"A configuration file may be at most {MaxBytes / 1024 / 1024} MiB.");

            ConfigNode root;
            try
            {
                root = json ? ConfigText.ParseJson(body.Span) : ConfigText.ParseYaml(Encoding.UTF8.GetString(body.Span));
            }
            catch (ConfigSyntaxException e)
            {
                return Invalid([new ConfigError("(document)", e.Message, e.Line)]);
            }
            var outcome = dryRun ? await import.DryRunAsync(root, prune, http.RequestAborted) : await import.ApplyAsync(root, prune);
            if (outcome.LimitReached) return Problems.ScriptLimitReached();
            return outcome.Diff is { } diff
                ? Results.Text(JsonSerializer.Serialize(diff, DiffJson), "application/json; charset=utf-8")
                : Invalid(outcome.Errors);
        }).RequireAuthorization(Policies.Admin).WithTags("v2: configuration as code")
        .WithSummary("Applies a configuration file (YAML or JSON); dry_run=1 only answers the diff, prune=1 deletes the rest.");

    /// <summary>400: every mistake by its path, each message starting with its line.</summary>
    public static ProblemResult Invalid(IReadOnlyList<ConfigError> errors) =>
        new(400, "Invalid configuration", "Nothing was written. " + string.Join("; ", errors) + ".",
            errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Line is { } l ? $"line {l}: {e.Message}" : e.Message).ToArray()));

    private static bool Switch(HttpRequest request, string name, List<ConfigError> errors)
    {
        switch (request.Query[name].ToString().ToLowerInvariant())
        {
            case "" or "0" or "false": return false;
            case "1" or "true": return true;
            default:
                errors.Add(new(name, "must be 1 or 0"));
                return false;
        }
    }
}
