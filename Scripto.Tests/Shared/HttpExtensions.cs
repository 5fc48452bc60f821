using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scripto.Tests.Shared;

public static class HttpExtensions
{
    /// <summary>Sends a raw body with the content type given (or none), as curl -d would.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, string method, string path, string? body, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Creates a script through v1 and returns its id.</summary>
    public static async Task<long> CreateScriptAsync(this HttpClient client, object body)
    {
        var response = await client.SendRawAsync("POST", "/api/v1/script", JsonSerializer.Serialize(body));
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"POST answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (long)(await response.JsonAsync())["id"]!;
    }
}
