using System.Text.RegularExpressions;

namespace Scripto.Tests.Deploy;

/// <summary>
/// deploy/nginx/scripto.conf as shipped, but for its addresses: loopback ports of the test's own (IPv6 listeners
/// dropped), the test's upstream and certificate. Every change must find its line, so the test follows the site file
/// rather than silently testing something else.
/// </summary>
internal static class NginxSite
{
    public static string Path { get; } = System.IO.Path.Combine(Published.RepositoryRoot, "deploy", "nginx", "scripto.conf");

    public static string Render(int httpPort, int httpsPort, Uri upstream, TestCertificate certificate)
    {
        var site = File.ReadAllText(Path);
        site = Replace(site, @"listen \[::\]:\d+[^;]*;", "");
        site = Replace(site, @"listen 80;", $"listen 127.0.0.1:{httpPort};");
        site = Replace(site, @"listen 443 ssl;", $"listen 127.0.0.1:{httpsPort} ssl;");
        site = Replace(site, @"server 127\.0\.0\.1:5000;", $"server {upstream.Host}:{upstream.Port};");
        site = Replace(site, @"ssl_certificate\s+\S+;", $"ssl_certificate {certificate.CertificatePath};");
        site = Replace(site, @"ssl_certificate_key\s+\S+;", $"ssl_certificate_key {certificate.KeyPath};");
        return site;
    }

    /// <summary>The main configuration: the site inside http, with every file nginx writes inside the test's directory.</summary>
    public static string MainConfiguration(string directory) => $$"""
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log;
        events { worker_connections 64; }
        http {
            access_log {{directory}}/access.log;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            include {{directory}}/scripto.conf;
        }
        """;

    private static string Replace(string text, string pattern, string replacement)
    {
        var regex = new Regex(pattern);
        if (!regex.IsMatch(text)) throw new InvalidOperationException($"{Path} has no /{pattern}/ any more: update {nameof(NginxSite)}.");
        return regex.Replace(text, replacement.Replace("$", "$$"));
    }
}
