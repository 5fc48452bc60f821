using System.Text.Json;
using System.Text.Unicode;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api;

/// <summary>Reads a request's JSON object, refusing what is not one with the status the contract gives.</summary>
public static class JsonBodyReader
{
    public sealed record Refusal(int Status, string Title, string Detail, string? Field = null);

    private const int MaxDepth = 16;

    /// <summary>The body, checked to be one JSON object of decodable text, for a typed reader to take.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, Refusal? Refusal)> ReadCheckedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return (default, new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be sent with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}')."));
        if (await RequestBody.ReadAsync(request, maxBytes, cancellationToken) is not { } body)
            return (default, new(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes / 1024} KiB."));
        return (body, Check(body.Span));
    }

    /// <summary>The body as a document, checked as <see cref="ReadCheckedAsync"/> does.</summary>
    public static async Task<(JsonDocument? Body, Refusal? Refusal)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ReadCheckedAsync(request, maxBytes, cancellationToken);
        return refusal is not null ? (null, refusal) : (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth }), null);
    }

    /// <summary>
    /// One pass over the tokens: valid JSON, an object, and text that can become .NET strings. The parser accepts
    /// invalid UTF-8 and escaped lone surrogates; only reading the string fails, so check here rather than fail later
    /// with a 500. The first field whose text cannot be read is named (or "a field's name").
    /// </summary>
    private static Refusal? Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var root = JsonTokenType.None;
        string? field = null, undecodable = null;
        try
        {
            while (reader.Read())
            {
                if (root == JsonTokenType.None) root = reader.TokenType;
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || undecodable is not null) continue;
                var top = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1;
                if (!Decodable(ref reader, out var text)) undecodable = top ? "a field's name" : field ?? "body";
                else if (top) field = Excerpt.Of(text ?? reader.GetString()!);
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new(StatusCodes.Status400BadRequest, "Body is not JSON", $"The body is not valid JSON{where}.");
        }
        if (root == JsonTokenType.None)
            return new(StatusCodes.Status400BadRequest, "Body is not JSON", "The body is not valid JSON.");
        if (root != JsonTokenType.StartObject)
            return new(StatusCodes.Status400BadRequest, "Body is not a JSON object", $"The body must be a JSON object, not {Kind(root)}.");
        if (undecodable is not null)
            return new(StatusCodes.Status400BadRequest, "Body is not valid text",
                $"'{undecodable}' holds bytes that are not UTF-8 or a lone surrogate (\\ud800): send text as UTF-8.", undecodable);
        return null;
    }

    /// <summary>Whether the string can be read; an escaped one is read (into <paramref name="text"/>) to tell.</summary>
    private static bool Decodable(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (!reader.ValueIsEscaped) return Utf8.IsValid(reader.ValueSpan);
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        _ => token.ToString().ToLowerInvariant(),
    };
}
