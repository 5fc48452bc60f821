using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Scripto.Core;
using IPNetwork = System.Net.IPNetwork;

namespace Scripto.Web.Hosting;

/// <summary>
/// Behind a reverse proxy (deploy/nginx), a run records the reporter's address rather than the proxy's, and the URLs the
/// API answers carry the public scheme and host. Only a trusted proxy may say so: loopback (ASP.NET's default, nginx on
/// the same machine), plus the addresses in ForwardedHeaders:KnownProxies and the CIDR ranges in
/// ForwardedHeaders:KnownNetworks, each a list or one comma-separated value.
/// </summary>
internal static class TrustedProxies
{
    public static void TrustForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<TrustedProxySettings>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxySettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in settings.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            foreach (var network in settings.Value.KnownNetworks) o.KnownIPNetworks.Add(IPNetwork.Parse(network.Trim()));
        });
    }
}

/// <summary>The <c>ForwardedHeaders</c> settings: the proxies, besides loopback, whose forwarded headers are believed.</summary>
internal sealed class TrustedProxySettings : ISettings
{
    public static string Section => "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];
    public List<string> KnownNetworks { get; set; } = [];

    public IReadOnlyList<string> Problems() =>
    [
        .. KnownProxies.Select(t => t?.Trim()).Where(t => !IPAddress.TryParse(t, out _)).Select(t => $"{Section}:KnownProxies: '{t}' is not an IP address."),
        .. KnownNetworks.Select(t => t?.Trim()).Where(t => !IPNetwork.TryParse(t, out _)).Select(t => $"{Section}:KnownNetworks: '{t}' is not a network such as 10.0.0.0/8."),
    ];
}
