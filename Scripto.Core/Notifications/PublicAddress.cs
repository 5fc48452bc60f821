namespace Scripto.Core.Notifications;

/// <summary>
/// The base of links to script pages in messages: Scripto:PublicUrl, or else the address people reach Scripto at,
/// as seen in requests (after the forwarded headers; a request to a loopback name counts only until another comes).
/// </summary>
public sealed class PublicAddress(NotificationOptions options)
{
    private volatile string? _seen;
    private volatile bool _seenRemote;

    /// <summary>Called for requests; cheap when nothing changed (it is on every request's path).</summary>
    public void Saw(string scheme, string host, string pathBase)
    {
        if (options.PublicUrl is not null || host.Length == 0) return;
        var loopback = host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith("[::1]", StringComparison.Ordinal);
        if (_seen is not null && (loopback || _seenRemote)) return;
        _seen = $"{scheme}://{host}{pathBase}";
        _seenRemote = !loopback;
    }

    public string Base => (options.PublicUrl ?? _seen ?? "").TrimEnd('/');

    public string ScriptUrl(long id) => $"{Base}/scripts/{id}";
}
