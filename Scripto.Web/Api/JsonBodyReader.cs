using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Scripto.Web.Api;

/// <summary>Reads a request's JSON object, refusing what is not one with the status the contract gives.</summary>
public static class JsonBodyReader
{
    public sealed record Refusal(int Status, string Title, string Detail);

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
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
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
        return (document, null);
    }

    private static Refusal TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes / 1024} KiB.");
}
