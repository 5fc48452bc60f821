using Microsoft.JSInterop;

namespace Scripto.Web.Components.Live;

/// <summary>The viewer's time zone, asked of the browser once per circuit; UTC until it answers (or without a browser).</summary>
public sealed class ViewerClock(IJSRuntime js)
{
    private TimeZoneInfo? _zone;

    /// <summary>Call from OnAfterRenderAsync: JavaScript is not available while prerendering.</summary>
    public async Task<TimeZoneInfo> ResolveAsync()
    {
        if (_zone is not null) return _zone;
        try
        {
            var id = await js.InvokeAsync<string?>("scripto.timeZone");
            _zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        }
        catch (JSException)
        {
            _zone = TimeZoneInfo.Utc;
        }
        return _zone;
    }
}
