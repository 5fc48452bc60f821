using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Scripto.Web.Api;

/// <summary>
/// A report's answer (200, or 201 with its Location), serialized as <c>TypedResults.Ok</c> would (the host's JSON
/// options, <c>application/json; charset=utf-8</c>) but written in one go with its Content-Length: the serializer's
/// stream would send it chunked, headers and body in one write and the closing chunk in another, twice the sends per
/// report (bench/README.md, "Fifth pass").
/// </summary>
public sealed class JsonAnswer<T>(T value, int status = StatusCodes.Status200OK, string? location = null)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int StatusCode => status;
    int? IStatusCodeHttpResult.StatusCode => status;
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public string ContentType => JsonContentType;
    public string? Location => location;

    public Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(typeof(T)));
        var response = http.Response;
        response.StatusCode = status;
        if (location is not null) response.Headers.Location = location;
        response.ContentType = JsonContentType;
        response.ContentLength = bytes.Length;
        // Not flushed here: the host sends headers and body together when the request ends.
        response.BodyWriter.Write(bytes);
        return Task.CompletedTask;
    }
}

public static class JsonAnswer
{
    public static JsonAnswer<T> Ok<T>(T value) => new(value);

    public static JsonAnswer<T> Created<T>(string location, T value) => new(value, StatusCodes.Status201Created, location);
}
