using System.Net;
using System.Net.Sockets;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Deploy;

/// <summary>
/// Debian's nginx with the shipped site in front of the app: a foreground child on loopback ports of its own, with its
/// pid, logs and temp files in the test's directory, so it neither needs nor meets a system nginx.
/// </summary>
internal sealed class Nginx : IDisposable
{
    public const string ExecutablePath = "/usr/sbin/nginx";

    private readonly ChildProcess _process;

    private Nginx(ChildProcess process, int httpPort, int httpsPort)
    {
        _process = process;
        Http = new Uri($"http://127.0.0.1:{httpPort}/");
        Https = new Uri($"https://127.0.0.1:{httpsPort}/");
    }

    public Uri Http { get; }
    public Uri Https { get; }

    public static async Task<Nginx> StartAsync(string directory, Uri upstream, TestCertificate certificate)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's nginx (./test.sh does).");
        // nginx cannot be told to pick a port, so a free one may be taken before it binds: try again with others.
        for (var attempt = 1; ; attempt++)
        {
            var (http, https) = (UnusedPort.Next(), UnusedPort.Next());
            File.WriteAllText(Path.Combine(directory, "scripto.conf"), NginxSite.Render(http, https, upstream, certificate));
            File.WriteAllText(Path.Combine(directory, "nginx.conf"), NginxSite.MainConfiguration(directory));
            var process = new ChildProcess(ExecutablePath,
                ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"],
                workingDirectory: directory);
            try
            {
                await WaitUntilListeningAsync(process, https, TimeSpan.FromSeconds(10));
                return new Nginx(process, http, https);
            }
            catch (InvalidOperationException) when (attempt < 3 && process.Output.Contains("Address already in use"))
            {
                process.Dispose();
            }
            catch
            {
                process.Dispose();
                throw;
            }
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task WaitUntilListeningAsync(ChildProcess nginx, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (nginx.HasExited) throw new InvalidOperationException($"nginx exited:\n{nginx.Output}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
