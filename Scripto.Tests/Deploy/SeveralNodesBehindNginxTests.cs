using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Deploy;

/// <summary>
/// deploy/nginx/scripto-nodes.conf as shipped (but for its addresses) in Debian's nginx, in front of two stand-in
/// nodes: each client address keeps to one node (its Blazor circuit lives there), and when that node is gone its
/// clients are served by the other.
/// </summary>
public sealed class SeveralNodesBehindNginxTests : IAsyncLifetime
{
    private static readonly string Site = Path.Combine(Published.RepositoryRoot, "deploy", "nginx", "scripto-nodes.conf");

    private readonly string _directory = Directory.CreateTempSubdirectory("scripto-nodes-nginx-").FullName;
    private HttpReceiver _first = null!, _second = null!;
    private ChildProcess _nginx = null!;
    private TestCertificate _certificate = null!;
    private int _https;
    private bool _firstGone;

    public async Task InitializeAsync()
    {
        _first = await HttpReceiver.StartAsync();
        _second = await HttpReceiver.StartAsync();
        _certificate = TestCertificate.WriteTo(_directory);
        (var http, _https) = (UnusedPort.Next(), UnusedPort.Next());
        var site = File.ReadAllText(Site);
        site = Replace(site, @"listen \[::\]:\d+[^;]*;", "");
        site = Replace(site, @"listen 80;", $"listen 127.0.0.1:{http};");
        site = Replace(site, @"listen 443 ssl;", $"listen 127.0.0.1:{_https} ssl;");
        site = Replace(site, @"server 127\.0\.0\.1:5001 ", $"server 127.0.0.1:{_first.Address.Port} ");
        site = Replace(site, @"server 127\.0\.0\.1:5002 ", $"server 127.0.0.1:{_second.Address.Port} ");
        site = Replace(site, @"ssl_certificate\s+\S+;", $"ssl_certificate {_certificate.CertificatePath};");
        site = Replace(site, @"ssl_certificate_key\s+\S+;", $"ssl_certificate_key {_certificate.KeyPath};");
        File.WriteAllText(Path.Combine(_directory, "scripto.conf"), site);
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), NginxSite.MainConfiguration(_directory));
        _nginx = new ChildProcess(Nginx.ExecutablePath,
            ["-p", _directory, "-c", Path.Combine(_directory, "nginx.conf"), "-e", Path.Combine(_directory, "error.log"), "-g", "daemon off;"],
            workingDirectory: _directory);
        await Eventually.TrueAsync(async () =>
        {
            if (_nginx.HasExited) throw new InvalidOperationException($"nginx exited:\n{_nginx.Output}");
            using var probe = new TcpClient();
            try { await probe.ConnectAsync(IPAddress.Loopback, _https); return true; }
            catch (SocketException) { return false; }
        }, "nginx listens", timeoutMs: 10_000);
    }

    public async Task DisposeAsync()
    {
        _nginx.Dispose();
        if (!_firstGone) await _first.DisposeAsync();
        await _second.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Each_client_keeps_to_one_node_and_moves_to_another_when_its_node_is_gone()
    {
        var clients = Enumerable.Range(2, 20).Select(i => $"127.0.0.{i}").ToList();
        var nodeOf = new Dictionary<string, HttpReceiver>();
        foreach (var client in clients)
        {
            for (var i = 0; i < 3; i++) await GetFromAsync(client);
            var served = new[] { _first, _second }.Where(n => n.Requests.Any(r => r.Header("X-Forwarded-For") == client)).ToList();
            nodeOf[client] = Assert.Single(served); // all three on one node
        }
        Assert.Contains(clients, c => nodeOf[c] == _first); // and the clients spread over both
        Assert.Contains(clients, c => nodeOf[c] == _second);

        var moved = clients.First(c => nodeOf[c] == _first);
        await _first.DisposeAsync(); // the node is gone: its port refuses
        _firstGone = true;

        Assert.Equal(HttpStatusCode.OK, await GetFromAsync(moved));
        Assert.Contains(_second.Requests, r => r.Header("X-Forwarded-For") == moved);
    }

    private async Task<HttpStatusCode> GetFromAsync(string localAddress)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => _certificate.Validates(certificate) },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        return (await client.GetAsync($"https://127.0.0.1:{_https}/")).StatusCode;
    }

    private static string Replace(string text, string pattern, string replacement)
    {
        var regex = new Regex(pattern);
        if (!regex.IsMatch(text)) throw new InvalidOperationException($"{Site} has no /{pattern}/ any more: update this test.");
        return regex.Replace(text, replacement.Replace("$", "$$"));
    }
}
