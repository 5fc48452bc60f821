using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scripto.Core.Notifications.Formats;

/// <summary>A POST with a JSON body, as the chat services take it.</summary>
internal static class JsonRequest
{
    public static HttpRequestMessage Post(Uri url, JsonNode body) => Post(url, JsonSerializer.SerializeToUtf8Bytes(body));

    public static HttpRequestMessage Post(Uri url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }
}
