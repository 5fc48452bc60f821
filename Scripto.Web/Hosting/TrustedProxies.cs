using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
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
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        var proxies = Texts(section, "KnownProxies")
            .Select(t => IPAddress.TryParse(t, out var a) ? a : throw Invalid("KnownProxies", t, "an IP address")).ToList();
        var networks = Texts(section, "KnownNetworks")
            .Select(t => IPNetwork.TryParse(t, out var n) ? n : throw Invalid("KnownNetworks", t, "a network such as 10.0.0.0/8")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>A list in appsettings.json, or one comma-separated value from an environment variable.</summary>
    private static string[] Texts(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var items = list.GetChildren().Select(c => c.Value?.Trim() ?? "").ToArray();
        return items.Length > 0 ? items : (list.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static ArgumentException Invalid(string key, string text, string what) =>
        new($"ForwardedHeaders:{key}: '{text}' is not {what}.");
}
