using System.Text.Json;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api;

/// <summary>
/// Reads an admin API's JSON object field by field, each of the JSON type it must have, and gathers one error per bad
/// or unknown field (a typo must not pass silently) so that one answer names them all. Channels and maintenance
/// windows read their bodies with it; the domain rules stay in Core.
/// </summary>
internal sealed class JsonFields(JsonElement body)
{
    public List<FieldError> Errors { get; } = [];

    /// <param name="known">The fields read.</param>
    /// <param name="readOnly">Shown back by GET: accepted and ignored, so that what a GET returned can be sent back.</param>
    /// <param name="what">"a channel", "a maintenance window": for the error message.</param>
    public JsonFields RefuseUnknown(string[] known, string[] readOnly, string what)
    {
        foreach (var property in body.EnumerateObject().Where(p => !known.Contains(p.Name) && !readOnly.Contains(p.Name)))
            Errors.Add(new(Excerpt.Of(property.Name), $"is not a field of {what} (they are {string.Join(", ", known)})"));
        return this;
    }

    public string? Text(string field) =>
        Field(field) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : Refuse<string>(field, "must be a string");

    /// <summary>
    /// A list of strings; one string is a list of one, unless it holds a comma: "db-1, db-2" was meant as two and would
    /// have been kept as one server that matches nothing.
    /// </summary>
    public IReadOnlyList<string>? List(string field) =>
        Field(field) is not { } value ? null
        : value.ValueKind == JsonValueKind.String && value.GetString()!.Contains(',')
            ? Refuse<IReadOnlyList<string>>(field, $"must be a list of strings, one per item: [{string.Join(", ", value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(3).Select(item => JsonSerializer.Serialize(Excerpt.Of(item))))}], not one string with commas")
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
        : Refuse<IReadOnlyList<string>>(field, "must be a list of strings");

    public bool? Flag(string field) =>
        Field(field) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : Refuse<bool?>(field, "must be true or false");

    private JsonElement? Field(string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private T? Refuse<T>(string field, string message)
    {
        Errors.Add(new(field, message));
        return default;
    }
}
