using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scripto.Core;
using Scripto.Core.Config;
using Scripto.Core.Persistence;
using Scripto.Core.Writing;
using Scripto.Web.Config;

namespace Scripto.Web.Hosting;

/// <summary>
/// <c>Scripto.Web config export FILE</c> and <c>config apply FILE [--dry-run] [--prune]</c>: the configuration as
/// code for an install kept under git, on the database file itself while Scripto is stopped (one process per file,
/// see DatabaseLock). While it runs, the command says so and gives the curl line for the running server instead.
/// Exit codes: 0 done, 1 a refused file (or a file that cannot be read or written), 2 usage, 3 Scripto is running.
/// </summary>
internal static class ConfigCommand
{
    public const string Usage = "Usage: Scripto.Web config export FILE | config apply FILE [--dry-run] [--prune]   (FILE.json for JSON, else YAML)";

    public sealed record Line(string Verb, string File, bool DryRun, bool Prune);

    /// <summary>The command and the settings that follow it, or null for a usage mistake.</summary>
    public static (Line? Command, string[] Settings) Parse(string[] args)
    {
        if (args.Length < 3 || args[1] is not ("export" or "apply") || args[2].StartsWith('-')) return (null, args);
        var rest = args[3..].ToList();
        var dryRun = rest.Remove("--dry-run");
        var prune = rest.Remove("--prune");
        if (args[1] == "export" && (dryRun || prune)) return (null, args);
        return (new Line(args[1], args[2], dryRun, prune), rest.ToArray());
    }

    public static async Task<int> RunAsync(IConfiguration configuration, Line line)
    {
        ScriptoOptions core;
        try
        {
            core = Settings.Read<ScriptoOptions>(configuration);
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine(string.Join(" ", e.Failures));
            return 2;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScriptoCore(core);
        await using var provider = services.BuildServiceProvider();
        var path = ScriptoApp.DatabasePath(configuration);
        try
        {
            provider.GetRequiredService<DatabaseLock>();
        }
        catch (DatabaseStartException)
        {
            Console.Error.WriteLine($"Scripto is running on {path} (one process per database file): {CurlLine(configuration, line)}");
            return 3;
        }
        if (line.Verb == "export" && path is not null && !File.Exists(path))
        {
            Console.Error.WriteLine($"There is no database at {path}: nothing to export.");
            return 1;
        }
        try
        {
            DatabaseSetup.EnsureFolder(core.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }
        catch (DatabaseStartException e)
        {
            Console.Error.WriteLine($"Cannot open the database: {e.Message}");
            return 1;
        }
        DatabaseSetup.Migrate(provider.GetRequiredService<IDbContextFactory<ScriptoDbContext>>());
        return line.Verb == "export" ? await ExportAsync(provider, line.File) : await ApplyAsync(provider, line);
    }

    private static async Task<int> ExportAsync(IServiceProvider provider, string file)
    {
        var document = await provider.GetRequiredService<ConfigExport>().ReadAsync();
        var text = IsJson(file) ? JsonSerializer.Serialize(document, ConfigEndpoints.Json) : ConfigEndpoints.Yaml.Serialize(document);
        try
        {
            await File.WriteAllTextAsync(file, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot write {file}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"Exported {document.Scripts.Count} scripts, {document.Channels.Count} channels, {document.Maintenance.Count} maintenance windows and {document.StatusPages.Count} status pages to {Path.GetFullPath(file)}.");
        return 0;
    }

    private static async Task<int> ApplyAsync(IServiceProvider provider, Line line)
    {
        ConfigNode root;
        try
        {
            root = IsJson(line.File) ? ConfigText.ParseJson(await File.ReadAllBytesAsync(line.File)) : ConfigText.ParseYaml(await File.ReadAllTextAsync(line.File));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read {line.File}: {e.Message}");
            return 1;
        }
        catch (ConfigSyntaxException e)
        {
            Console.Error.WriteLine($"{line.File}:{e.Line}: the file {e.Message}");
            return 1;
        }
        var writer = provider.GetRequiredService<ScriptWriter>();
        await writer.StartAsync(CancellationToken.None);
        ConfigOutcome outcome;
        try
        {
            var import = provider.GetRequiredService<ConfigImport>();
            outcome = line.DryRun ? await import.DryRunAsync(root, line.Prune) : await import.ApplyAsync(root, line.Prune);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
        if (outcome.LimitReached)
        {
            Console.Error.WriteLine($"{line.File}: refused, nothing written: there would be more scripts than Limits:MaxScripts allows.");
            return 1;
        }
        if (outcome.Diff is not { } diff)
        {
            foreach (var error in outcome.Errors)
                Console.Error.WriteLine($"{line.File}:{error.Line}: {error.Path} {error.Message}");
            Console.Error.WriteLine($"{line.File}: refused, nothing written ({outcome.Errors.Count} {(outcome.Errors.Count == 1 ? "mistake" : "mistakes")}).");
            return 1;
        }
        Console.Write(Describe(diff));
        return 0;
    }

    /// <summary>The diff for people: + created, ~ changed (each field old -> new), - deleted; then the counts.</summary>
    public static string Describe(ConfigDiff diff)
    {
        var text = new StringBuilder();
        foreach (var entry in diff.Created) text.AppendLine($"+ {entry.Kind} {entry.Key}");
        foreach (var entry in diff.Changed)
        {
            text.AppendLine($"~ {entry.Kind} {entry.Key}");
            foreach (var field in entry.Fields ?? [])
                text.AppendLine($"    {field.Field}: {Value(field.Old)} -> {Value(field.New)}");
        }
        foreach (var entry in diff.Deleted) text.AppendLine($"- {entry.Kind} {entry.Key}");
        foreach (var entry in diff.Ignored ?? []) text.AppendLine($"  {entry.Kind} {entry.Key} (line {entry.Line}): ignored, its until has passed");
        text.Append($"{diff.Created.Count} to create, {diff.Changed.Count} to change, {diff.Deleted.Count} to delete, {diff.Unchanged} unchanged");
        text.AppendLine(diff.DryRun ? ": dry run, nothing written." : ": applied.");
        return text.ToString();
    }

    private static string Value(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => "(none)",
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static bool IsJson(string file) => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same through the running server's API (an admin key in $ADMIN_KEY).</summary>
    public static string CurlLine(IConfiguration configuration, Line line)
    {
        var server = (configuration["Scripto:PublicUrl"] ?? configuration["urls"]?.Split(';')[0] ?? "http://localhost:5000").TrimEnd('/')
            .Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://0.0.0.0", "://localhost");
        var type = IsJson(line.File) ? "application/json" : "application/yaml";
        if (line.Verb == "export")
            return $"curl -fsS -H \"Authorization: Bearer $ADMIN_KEY\"{(IsJson(line.File) ? " -H \"Accept: application/json\"" : "")} {server}/api/v2/config > {line.File}";
        var query = string.Join("&", new[] { line.DryRun ? "dry_run=1" : null, line.Prune ? "prune=1" : null }.OfType<string>());
        return $"curl --fail-with-body -sS -X POST -H \"Authorization: Bearer $ADMIN_KEY\" -H \"Content-Type: {type}\" --data-binary @{line.File} \"{server}/api/v2/config{(query.Length > 0 ? "?" + query : "")}\"";
    }
}
