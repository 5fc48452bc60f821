using System.Text;
using System.Text.Json;
using Scripto.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scripto.Web.Config;

/// <summary>
/// A configuration file's text as a <see cref="ConfigNode"/> tree, every node with its line: YAML through YamlDotNet's
/// node model, JSON through Utf8JsonReader (whose token offsets give the lines). Text that is neither throws
/// <see cref="ConfigSyntaxException"/> with the line.
/// </summary>
public static class ConfigText
{
    public static ConfigNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigSyntaxException($"is not YAML: {e.Message}", (int)e.Start.Line);
        }
        if (stream.Documents.Count > 1) throw new ConfigSyntaxException("holds more than one YAML document", (int)stream.Documents[1].RootNode.Start.Line);
        return stream.Documents.Count == 0 ? new ConfigScalar(1, null) : Yaml(stream.Documents[0].RootNode);
    }

    private static ConfigNode Yaml(YamlNode node)
    {
        var line = (int)node.Start.Line;
        return node switch
        {
            YamlMappingNode map => new ConfigMap(line, map.Children.Select(c => new ConfigEntry(
                c.Key is YamlScalarNode { Value: { } key } ? key : throw new ConfigSyntaxException("has a key that is not a single value", (int)c.Key.Start.Line),
                (int)c.Key.Start.Line, Yaml(c.Value))).ToList()),
            YamlSequenceNode list => new ConfigList(line, list.Children.Select(Yaml).ToList()),
            YamlScalarNode scalar => new ConfigScalar(line, scalar.Style is ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? null : scalar.Value),
            _ => throw new ConfigSyntaxException("uses an alias or tag this reader does not take", line),
        };
    }

    public static ConfigNode ParseJson(ReadOnlySpan<byte> utf8)
    {
        var lines = new List<int>(); // where each line after the first starts
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == '\n') lines.Add(i + 1);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) return new ConfigScalar(1, null);
            var root = Json(ref reader, lines);
            if (reader.Read()) throw new ConfigSyntaxException("has more after its end", LineAt(lines, reader.TokenStartIndex));
            return root;
        }
        catch (JsonException e)
        {
            throw new ConfigSyntaxException($"is not JSON: {e.Message}", (int)(e.LineNumber ?? 0) + 1);
        }
    }

    private static ConfigNode Json(ref Utf8JsonReader reader, List<int> lines)
    {
        var line = LineAt(lines, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<ConfigEntry>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    var keyLine = LineAt(lines, reader.TokenStartIndex);
                    reader.Read();
                    entries.Add(new ConfigEntry(key, keyLine, Json(ref reader, lines)));
                }
                return new ConfigMap(line, entries);
            case JsonTokenType.StartArray:
                var items = new List<ConfigNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Json(ref reader, lines));
                return new ConfigList(line, items);
            case JsonTokenType.String:
                return new ConfigScalar(line, reader.GetString());
            case JsonTokenType.Null:
                return new ConfigScalar(line, null);
            default: // numbers, true, false: as written
                return new ConfigScalar(line, Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan));
        }
    }

    private static int LineAt(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index + 1 : ~index) + 1;
    }
}
