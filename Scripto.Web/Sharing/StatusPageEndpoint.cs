using System.Collections.Concurrent;
using Scripto.Core.Reading;
using Scripto.Core.Sharing;

namespace Scripto.Web.Sharing;

/// <summary>
/// /status/{slug}: a public status page, for anyone, no sign-in, written by nothing. Each page is rendered at most
/// once every 10 seconds however many people watch it; an unknown slug is 404.
/// </summary>
public sealed class StatusPageEndpoint(StatusPages pages, TargetQueries targets, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (string Html, DateTime Until)> _rendered = new(StringComparer.Ordinal);

    public static void Map(WebApplication app) =>
        app.MapGet("/status/{slug}", (string slug, HttpContext http, StatusPageEndpoint endpoint) => endpoint.AnswerAsync(slug, http))
            .AllowAnonymous().ExcludeFromDescription();

    private async Task<IResult> AnswerAsync(string slug, HttpContext http)
    {
        var html = await RenderAsync(slug, http.RequestAborted);
        if (html is null) return Results.NotFound();
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=10";
        // Nothing to run, load or embed: the page is its own HTML and inline style.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private async Task<string?> RenderAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_rendered.TryGetValue(slug, out var cached) && cached.Until > now) return cached.Html;
        if (await pages.FindAsync(slug, cancellationToken) is not { } page)
        {
            _rendered.TryRemove(slug, out _);
            return null;
        }
        var readings = new List<TargetReading>();
        foreach (var target in page.Targets)
            if (await targets.ReadAsync(target, withHistory: true, cancellationToken) is { } reading)
                readings.Add(reading);
        var html = StatusPageHtml.Render(page, readings, now);
        _rendered[slug] = (html, now + Fresh);
        return html;
    }

    /// <summary>After an admin changes or deletes a page: shown as it now is at the next request.</summary>
    public void Forget(string slug) => _rendered.TryRemove(slug, out _);
}
