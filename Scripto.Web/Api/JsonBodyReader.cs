using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api;

/// <summary>Reads a request's JSON object, refusing what is not one with the status the contract gives.</summary>
public static class JsonBodyReader
{
    public sealed record Refusal(int Status, string Title, string Detail, string? Field = null);

    public static async Task<(JsonDocument? Body, Refusal? Refusal)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return (null, new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be sent with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}')."));
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        // Kestrel stops reading past the limit; the count below also covers hosts without that feature.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        // Sized by Content-Length when sent (a report is ~100 bytes): a fixed 4 KiB that GetMemory(4096) grew to 8 KiB
        // was a third of all the bytes the server allocated per report. One spare byte lets the last read see the end.
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length ? (int)length + 1 : 4096);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(), cancellationToken);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes) return (null, TooLarge(maxBytes));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, new(StatusCodes.Status400BadRequest, "Body is not JSON", $"The body is not valid JSON{where}."));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind.ToString().ToLowerInvariant();
            document.Dispose();
            return (null, new(StatusCodes.Status400BadRequest, "Body is not a JSON object", $"The body must be a JSON object, not {kind}."));
        }
        if (Undecodable(document.RootElement) is { } field)
        {
            document.Dispose();
            return (null, new(StatusCodes.Status400BadRequest, "Body is not valid text",
                $"'{field}' holds bytes that are not UTF-8 or a lone surrogate (\\ud800): send text as UTF-8.", field));
        }
        return (document, null);
    }

    /// <summary>
    /// The top-level field whose text cannot become a .NET string, or null. The parser accepts invalid UTF-8 and
    /// escaped lone surrogates; only reading the string fails, so check here rather than fail later with a 500.
    /// </summary>
    private static string? Undecodable(JsonElement element, string? field = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try { element.GetString(); } catch (InvalidOperationException) { return field ?? "body"; }
                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Undecodable(e, field)).FirstOrDefault(f => f is not null);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; } catch (InvalidOperationException) { return field ?? "a field's name"; }
                    if (Undecodable(property.Value, field ?? Excerpt.Of(name)) is { } bad) return bad;
                }
                return null;
            default:
                return null;
        }
    }


    private static Refusal TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes / 1024} KiB.");
}
