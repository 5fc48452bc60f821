namespace Scripto.Web.Security;

/// <summary>
/// Two refusals before anything else runs, on every request (so every endpoint, present and future, has them):
/// a Host this server does not answer for (DNS rebinding), and a write a browser sends on behalf of another site
/// (a no-cors fetch, an auto-submitted form, a cross-site WebSocket). Requests from scripts and curl send neither
/// Origin nor Sec-Fetch-Site and pass. Loopback counts as admin, so without this any page a local user opens
/// could report, pause, silence or delete scripts. Allocation-free on the way through.
/// </summary>
public sealed class RequestOriginGuard(RequestDelegate next, KnownHosts hosts, ILogger<RequestOriginGuard> log)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Host.Value is { } host && !hosts.Allows(KnownHosts.NameOf(host)))
            return RefuseAsync(http, 400, "Unknown host",
                $"This Scripto does not answer for the name '{host}'. If that is its address, add it to Scripto:PublicUrl or AllowedHosts.");
        if (IsWrite(request) && CrossSite(request) is { } from)
            return RefuseAsync(http, 403, "Cross-site request",
                $"A page on {from} may not change anything here. Send reports from scripts or curl, or use the dashboard itself.");
        return next(http);
    }

    private static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        || request.Headers.Upgrade.Count > 0; // a WebSocket: the dashboard's circuit can act as its user

    /// <summary>Where a browser says the request comes from, when that is not this very origin; else null.</summary>
    private static string? CrossSite(HttpRequest request)
    {
        // Set by the browser itself (no page can forge it) and unchanged by a proxy: the best witness there is.
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
            return fetchSite[0] is "same-origin" or "none" ? null : request.Headers.Origin.Count > 0 ? request.Headers.Origin[0] : $"another site ({fetchSite[0]})";
        var origin = request.Headers.Origin;
        if (origin.Count == 0) return null; // not a browser, or one too old to say
        return SameOrigin(origin[0], request) ? null : origin[0];
    }

    private static bool SameOrigin(ReadOnlySpan<char> origin, HttpRequest request)
    {
        var scheme = request.Scheme;
        return origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && origin[scheme.Length..].StartsWith("://", StringComparison.Ordinal)
            && origin[(scheme.Length + 3)..].Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        log.LogWarning("Refused {Method} {Path} from {RemoteAddress}: {Status} {Title}: {Detail}",
            http.Request.Method, http.Request.Path.Value, http.Connection.RemoteIpAddress?.ToString(), status, title, detail);
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
