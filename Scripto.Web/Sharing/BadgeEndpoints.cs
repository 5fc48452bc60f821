using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Web.Formatting;

namespace Scripto.Web.Sharing;

/// <summary>
/// The badges' public addresses: /badges/{token}.svg and .json. No sign-in (a README on another site shows them),
/// read-only, and they say one target's name and state, nothing more. An unknown or revoked token is 404.
/// </summary>
public static class BadgeEndpoints
{
    public static void MapBadges(this WebApplication app)
    {
        app.MapGet("/badges/{token}.svg", async (string token, HttpContext http, Badges badges, TargetQueries targets) =>
        {
            if (await ReadAsync(token, badges, targets, http.RequestAborted) is not { } reading) return Results.NotFound();
            Cacheable(http);
            var (label, message, colour) = Face(reading);
            return Results.Content(BadgeSvg.Render(label, message, colour), "image/svg+xml; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/badges/{token}.json", async (string token, HttpContext http, Badges badges, TargetQueries targets) =>
        {
            if (await ReadAsync(token, badges, targets, http.RequestAborted) is not { } reading) return Results.NotFound();
            Cacheable(http);
            var (label, message, colour) = Face(reading);
            // shields.io's endpoint form, so img.shields.io/endpoint?url=... can restyle it too.
            return Results.Json(new { schemaVersion = 1, label, message, color = colour });
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The address a badge is shown at, for the pages that list them.</summary>
    public static string Path(Badge badge, string extension) => $"/badges/{badge.Token}.{extension}";

    /// <summary>Label, message and colour: the target's name, its state in StatusWords' words, that state's colour.</summary>
    public static (string Label, string Message, string Colour) Face(TargetReading reading) =>
        (reading.Name.Length == 0 ? "(no server)" : reading.Name, StatusWords.Label(reading.Status).ToLowerInvariant(), StatusHex.Of(reading.Status));

    private static async Task<TargetReading?> ReadAsync(string token, Badges badges, TargetQueries targets, CancellationToken cancellationToken) =>
        await badges.FindAsync(token, cancellationToken) is { } badge ? await targets.ReadAsync(badge.Target, withHistory: false, cancellationToken) : null;

    /// <summary>Ten seconds: fresh enough for a README, and a busy wiki costs one read per ten seconds per proxy.</summary>
    private static void Cacheable(HttpContext http) => http.Response.Headers.CacheControl = "public, max-age=10";
}
