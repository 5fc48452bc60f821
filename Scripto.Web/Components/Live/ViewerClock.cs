using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace Scripto.Web.Components.Live;

/// <summary>
/// The viewer's time zone. The browser tells it in a cookie (scripto.js writes its IANA zone there at every page load),
/// so the prerender already shows the viewer's times and hands the zone to the live page, which then has nothing to
/// rewrite. On a first visit (no cookie yet) the live page asks the browser once per circuit, as it always did, and the
/// times are shown in UTC until it answers (or without a browser). A cookie can be stale (the viewer travelled, or the
/// browser's profile came from a machine in another zone): once live, the page asks the browser anyway, once per circuit,
/// and moves to its zone if it differs, so a wall screen that never reloads does not keep the wrong times all day.
/// </summary>
public sealed partial class ViewerClock(IJSRuntime js, IServiceProvider services)
{
    /// <summary>The cookie scripto.js writes: the browser's zone as Intl names it (e.g. Europe/Paris).</summary>
    public const string CookieName = "scripto-tz";

    private const string StateKey = "scripto-viewer-zone";
    private TimeZoneInfo? _zone;
    private bool _handedOver;
    private bool _asked; // the browser was asked for its zone in this circuit

    // The page's persisted state: the prerender writes the zone into it, the live page reads it. Absent where no page is
    // rendered by the framework (bUnit): then nothing is handed over.
    private PersistentComponentState? State => services.GetService<PersistentComponentState>();

    /// <summary>
    /// The zone known without asking the browser: read from the request's cookie while prerendering, or handed from the
    /// prerender to the live page. Null when neither knew it (a first visit, a bad cookie).
    /// </summary>
    public TimeZoneInfo? Known
    {
        get
        {
            if (_zone is null && !_handedOver)
            {
                _handedOver = true;
                if (State is { } state && state.TryTakeFromJson<string>(StateKey, out var id)) _zone = Parse(id);
            }
            return _zone;
        }
    }

    /// <summary>The zone to render with now: the known one, else UTC.</summary>
    public TimeZoneInfo Zone => Known ?? TimeZoneInfo.Utc;

    /// <summary>While prerendering a page (App.razor): the zone from the request's cookie, handed on to the live page.</summary>
    public void ReadFrom(HttpRequest request)
    {
        if (Parse(request.Cookies[CookieName]) is not { } zone) return;
        _zone = zone;
        if (State is not { } state) return;
        state.RegisterOnPersisting(() =>
        {
            state.PersistAsJson(StateKey, zone.Id);
            return Task.CompletedTask;
        }, RenderMode.InteractiveServer);
    }

    /// <summary>
    /// Call from OnAfterRenderAsync (JavaScript is not available while prerendering): the known zone at once, else the
    /// browser's, asked once per circuit.
    /// </summary>
    public async Task<TimeZoneInfo> ResolveAsync()
    {
        if (Known is { } known) return known;
        _asked = true;
        try
        {
            _zone = Parse(await js.InvokeAsync<string?>("scripto.timeZone")) ?? TimeZoneInfo.Utc;
        }
        catch (JSException)
        {
            _zone = TimeZoneInfo.Utc;
        }
        return _zone;
    }

    /// <summary>
    /// Call from a page's first render in the circuit (OnAfterRenderAsync): the zone its times belong in, the browser's
    /// when it was asked (a first visit, or the cookie's zone checked once live).
    /// </summary>
    public async Task<TimeZoneInfo> CurrentAsync() => await RecheckAsync() ?? await ResolveAsync();

    /// <summary>
    /// Call once the page is live with the zone its cookie gave: asks the browser (once per circuit) and returns its zone
    /// when it is not the cookie's, for the page to show its times again; null when it is the same, was already asked, or
    /// cannot be told.
    /// </summary>
    public async Task<TimeZoneInfo?> RecheckAsync()
    {
        if (_asked || Known is not { } shown) return null;
        _asked = true;
        TimeZoneInfo? browser;
        try
        {
            browser = Parse(await js.InvokeAsync<string?>("scripto.timeZone"));
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
        if (browser is null || browser.Id == shown.Id) return null;
        _zone = browser;
        return browser;
    }

    /// <summary>
    /// An IANA zone name as a browser gives it, or null: anything else a cookie may carry (a typo, a path, a Windows
    /// name, a long string) is not looked up on the disk.
    /// </summary>
    public static TimeZoneInfo? Parse(string? id) =>
        id is { Length: > 0 and <= 64 } && ZoneName().IsMatch(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex ZoneName();
}
