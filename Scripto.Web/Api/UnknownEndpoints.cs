using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Scripto.Web.Api;

/// <summary>
/// Answers an /api/ URL that no endpoint serves: 404 when no endpoint has its shape, 405 with Allow when some do
/// but not for its method. Without it, the static files' catch-all (GET only) made every unknown write a bare
/// "405, Allow: GET, HEAD", and a ping without a name never said so.
/// </summary>
internal static class UnknownEndpoints
{
    private const string PingShape = "A ping is POST /api/v2/ping/{name}, then /start, /fail or /{exit code} if any";

    public static void MapUnknownApiEndpoints(this WebApplication app) =>
        app.MapFallback("api/{**path}", Answer).ExcludeFromDescription();

    private static IResult Answer(HttpContext context, EndpointDataSource endpoints)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        var allowed = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && !StartsWithCatchAll(e.RoutePattern) && HasShape(e.RoutePattern, path))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();

        if (allowed.Count > 0 && !allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return Results.Problem($"{path} does not accept {method}; it accepts {string.Join(", ", allowed)}.", statusCode: 405, title: "Method not allowed");
        }
        if (path.StartsWith("/api/v2/ping", StringComparison.OrdinalIgnoreCase) && method == HttpMethods.Post)
        {
            var detail = $"{PingShape}: here the name is missing or holds a '/' (send it as %2F).";
            return Results.Problem(detail, statusCode: 404, title: "No such endpoint",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = [detail] } });
        }
        return Results.Problem($"No endpoint answers {method} {path}.", statusCode: 404, title: "No such endpoint");
    }

    private static bool StartsWithCatchAll(RoutePattern pattern) =>
        pattern.PathSegments is [{ Parts: [RoutePatternParameterPart { IsCatchAll: true }, ..] }, ..];

    /// <summary>Whether the path fits the template, constraints aside: /api/v1/script/abc has the shape of {id:long}.</summary>
    private static bool HasShape(RoutePattern pattern, string path) =>
        pattern.RawText is { } template &&
        new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
