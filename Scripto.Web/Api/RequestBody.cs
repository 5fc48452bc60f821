using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Scripto.Web.Api;

/// <summary>
/// Reads a request's body up to a limit: the one place that knows how a body too large shows (a Content-Length over
/// the limit, Kestrel's 413 while reading, or more bytes than the limit from a host without that feature).
/// </summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/> (answer 413).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        // Kestrel stops reading past the limit; the count below also covers hosts without that feature.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (request.ContentLength == 0) return ReadOnlyMemory<byte>.Empty;
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
                if (buffer.WrittenCount > maxBytes) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.WrittenMemory;
    }
}
