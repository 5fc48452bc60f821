using System.Collections.Frozen;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scripto.Core.Notifications;

namespace Scripto.Web.Security;

/// <summary>
/// The names this Scripto answers for: any IP address, localhost (and *.localhost, which browsers resolve
/// themselves), this machine's name, the names it listens on, and AllowedHosts and Scripto:PublicUrl when set. Any
/// other name in Host is DNS rebinding: a page on evil.example whose name now points at this machine, so that the
/// visitor's browser writes to it as a local client.
/// </summary>
public sealed class KnownHosts(IConfiguration configuration, IServer server, NotificationOptions settings)
{
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? _names; // built at the first request, once listening
    private string[] _suffixes = [];

    public bool Allows(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty || IPAddress.IsValid(host) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var names = _names ??= Build();
        if (names.Contains(host)) return true;
        foreach (var suffix in _suffixes)
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Build()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", Dns.GetHostName() };
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            names.Add(BindingAddress.Parse(address).Host);
        var suffixes = new List<string>();
        foreach (var allowed in (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (allowed == "*") continue;
            if (allowed.StartsWith("*.", StringComparison.Ordinal)) suffixes.Add(allowed[1..]);
            else names.Add(allowed);
        }
        if (settings.PublicUrl is { } publicUrl) names.Add(new Uri(publicUrl).Host); // an absolute URL, or the start stopped
        _suffixes = [.. suffixes];
        return names.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The name in a Host header, without its port (and without the brackets of an IPv6 address).</summary>
    public static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end > 0 ? host[1..end] : host;
        }
        var colon = host.LastIndexOf(':');
        return colon >= 0 ? host[..colon] : host;
    }
}
