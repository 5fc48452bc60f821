using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api.V1;

/// <summary>
/// Reads a v1 body into <see cref="V1ScriptInput"/> with System.Text.Json's strict options (no repeated field, names as
/// sent, no comments or trailing commas), and small converters for v1's quirks: status also as 1 and 0, and each field's
/// own words for a value of the wrong type. The body's syntax, shape and text were checked before
/// (<see cref="JsonBodyReader"/>).
/// </summary>
public static class V1Json
{
    public const string TimeRefusal = "must be a time like 2017-08-02T14:16:25 (UTC), an ISO 8601 time with an offset, a date, CURRENT_TIMESTAMP, LOCALTIMESTAMP or CURRENT_DATE";
    public const string PeriodicityRefusal = "must be hourly, daily, weekly, monthly or null";

    private static readonly Dictionary<string, JsonConverter> Converters = new()
    {
        ["name"] = new Text(value => $"must be a string, not {value}"),
        ["server"] = new Text(value => $"must be a string, not {value}"),
        ["status"] = new Status(),
        ["last_exec"] = new Text(_ => TimeRefusal),
        ["periodicity"] = new Text(_ => PeriodicityRefusal),
    };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Strict)
    {
        MaxDepth = 16,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    if (type.Type != typeof(V1ScriptInput)) return;
                    foreach (var property in type.Properties)
                        if (Converters.TryGetValue(property.Name, out var converter)) property.CustomConverter = converter;
                },
            },
        },
    };

    private static readonly JsonTypeInfo<V1ScriptInput> Input = (JsonTypeInfo<V1ScriptInput>)Options.GetTypeInfo(typeof(V1ScriptInput));

    /// <summary>The input, or the field it cannot take (the first one; what is read after a wrong type is not known).</summary>
    public static (V1ScriptInput? Input, FieldError? Error) Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return (JsonSerializer.Deserialize(body, Input), null);
        }
        catch (FieldException e)
        {
            return (null, new(FieldOf(e.Path), e.Message));
        }
        catch (JsonException e)
        {
            // The body is well-formed JSON, an object, of decodable text: what else strict reading refuses is a repeat.
            return (null, new(FieldOf(e.Path), "appears more than once"));
        }
    }

    /// <summary>"$.name" or "$['a b']": the top-level field the reader was in.</summary>
    private static string FieldOf(string? path)
    {
        if (path is null || path.Length < 3) return "body";
        var name = path.StartsWith("$['", StringComparison.Ordinal) ? path[3..path.IndexOf("']", StringComparison.Ordinal)]
            : path[2..].Split('.', '[')[0];
        return Excerpt.Of(name);
    }

    /// <summary>A value of the wrong type, in the field's own words.</summary>
    private sealed class FieldException(string message) : JsonException(message);

    /// <summary>A text field: a string or null.</summary>
    private sealed class Text(Func<string, string> refusal) : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new FieldException(refusal(Describe(ref reader)));

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>The original took true/false and 1/0; null says nothing about the run.</summary>
    private sealed class Status : JsonConverter<bool?>
    {
        public override bool HandleNull => true;

        public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            _ => throw new FieldException($"must be true, false, 1, 0 or null, not {Describe(ref reader)}"),
        };

        public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value);
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => $"the number {Excerpt.Of(Encoding.UTF8.GetString(reader.ValueSpan))}",
        JsonTokenType.String => $"the string \"{Excerpt.Of(reader.GetString()!)}\"",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Null => "null",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => reader.TokenType.ToString().ToLowerInvariant(),
    };

    /// <summary>A value already read as a <see cref="JsonElement"/> (the <c>id</c> sent back), described the same way.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {Excerpt.Of(value.GetRawText())}",
        JsonValueKind.String => $"the string \"{Excerpt.Of(value.GetString()!)}\"",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
