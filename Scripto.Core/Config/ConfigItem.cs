using System.Globalization;

namespace Scripto.Core.Config;

/// <summary>
/// One entry of a section (<c>scripts[3]</c>) as written: its fields read by type, each mistake recorded with the
/// entry's path and the field's line. A field not in the section's list is refused, as is one given twice.
/// </summary>
internal sealed class ConfigItem
{
    private readonly Dictionary<string, ConfigEntry> _fields = new(StringComparer.Ordinal);
    private readonly List<ConfigError> _errors;

    public ConfigItem(string section, int index, ConfigMap map, IReadOnlyCollection<string> known, List<ConfigError> errors)
    {
        (Section, Index, Line, _errors) = (section, index, map.Line, errors);
        foreach (var entry in map.Entries)
        {
            if (!known.Contains(entry.Key))
                errors.Add(new($"{Path}.{entry.Key}", $"is not a field of {section} (they are {string.Join(", ", known)})", entry.Line));
            else if (!_fields.TryAdd(entry.Key, entry))
                errors.Add(new($"{Path}.{entry.Key}", "is given twice", entry.Line));
        }
    }

    public string Section { get; }
    public int Index { get; }
    public int Line { get; }
    public string Path => $"{Section}[{Index}]";

    /// <summary>How many mistakes the whole file has so far (to tell whether reading an entry found any).</summary>
    public int ErrorCount => _errors.Count;

    public int LineOf(string field) => _fields.TryGetValue(field, out var entry) ? entry.Line : Line;

    public void Error(string field, string message) => _errors.Add(new($"{Path}.{field}", message, LineOf(field)));

    /// <summary>A scalar field as text; null when absent or null.</summary>
    public string? Text(string field)
    {
        if (!_fields.TryGetValue(field, out var entry)) return null;
        if (entry.Value is ConfigScalar scalar) return scalar.Value;
        Error(field, "must be a single value, not a list or a mapping");
        return null;
    }

    public int? Number(string field)
    {
        if (Text(field) is not { } text) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        Error(field, "must be a whole number");
        return null;
    }

    public bool? Flag(string field)
    {
        switch (Text(field)?.Trim().ToLowerInvariant())
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            default:
                Error(field, "must be true or false");
                return null;
        }
    }

    /// <summary>A list of values; null when absent or null.</summary>
    public IReadOnlyList<string>? List(string field)
    {
        if (!_fields.TryGetValue(field, out var entry) || entry.Value is ConfigScalar { Value: null }) return null;
        if (entry.Value is not ConfigList list)
        {
            Error(field, "must be a list, such as [db, nightly]");
            return null;
        }
        var values = new List<string>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is ConfigScalar { Value: { } value }) values.Add(value);
            else
            {
                _errors.Add(new($"{Path}.{field}", "must list single values only", item.Line));
                return null;
            }
        }
        return values;
    }

    /// <summary>
    /// The sections of a whole file and their entries; a root that is not a mapping, an unknown section, or an
    /// entry that is not a mapping is an error, as is an empty file. Empty sections may be left out.
    /// </summary>
    public static Dictionary<string, List<ConfigItem>> Sections(ConfigNode root, IReadOnlyDictionary<string, string[]> fields, List<ConfigError> errors)
    {
        var sections = fields.Keys.ToDictionary(k => k, _ => new List<ConfigItem>());
        // An empty file (or one of comments only, as a failed `curl > scripto.yaml` leaves) is a mistake, never "nothing":
        // with prune it would delete the whole install.
        if (root is ConfigScalar { Value: null } or ConfigMap { Entries.Count: 0 })
        {
            errors.Add(new("(document)", $"is empty: a configuration file holds at least one of {string.Join(", ", fields.Keys)} (an export holds them all)", root.Line));
            return sections;
        }
        if (root is not ConfigMap map)
        {
            errors.Add(new("(document)", $"must be a mapping with the keys {string.Join(", ", fields.Keys)}", root.Line));
            return sections;
        }
        var seen = new HashSet<string>();
        foreach (var entry in map.Entries)
        {
            if (!fields.TryGetValue(entry.Key, out var known))
            {
                errors.Add(new(entry.Key, $"is not a section of the configuration (they are {string.Join(", ", fields.Keys)})", entry.Line));
                continue;
            }
            if (!seen.Add(entry.Key))
            {
                errors.Add(new(entry.Key, "is given twice", entry.Line));
                continue;
            }
            if (entry.Value is ConfigScalar { Value: null }) continue;
            if (entry.Value is not ConfigList list)
            {
                errors.Add(new(entry.Key, "must be a list", entry.Value.Line));
                continue;
            }
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (list.Items[i] is ConfigMap item) sections[entry.Key].Add(new ConfigItem(entry.Key, i, item, known, errors));
                else errors.Add(new($"{entry.Key}[{i}]", "must be a mapping of fields", list.Items[i].Line));
            }
        }
        return sections;
    }
}
