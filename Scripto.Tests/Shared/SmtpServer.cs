using System.Net;
using System.Net.Sockets;
using MimeKit;
using Scripto.Tests.Deploy;

namespace Scripto.Tests.Shared;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd on 127.0.0.1 and a free port, keeping each message it accepts in a Maildir
/// that the test reads back. Optionally offers STARTTLS or speaks TLS from the start, with a self-signed certificate.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private SmtpServer(ChildProcess process, string directory, int port, TestCertificate? certificate)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }
    internal TestCertificate? Certificate { get; }
    public string MailDirectory => Path.Combine(_directory, "mail");

    public enum Tls { None, StartTls, Implicit }

    /// <param name="handler">An aiosmtpd handler class (dotted path); its module may sit in <paramref name="modules"/>.</param>
    public static async Task<SmtpServer> StartAsync(Tls tls = Tls.None, string handler = "aiosmtpd.handlers.Mailbox", string? modules = null)
    {
        var directory = Directory.CreateTempSubdirectory("scripto-smtp-").FullName;
        var port = FreePort();
        var arguments = new List<string> { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", handler };
        TestCertificate? certificate = null;
        if (tls != Tls.None)
        {
            certificate = TestCertificate.WriteTo(directory);
            arguments.AddRange(tls == Tls.StartTls
                ? ["--tlscert", certificate.CertificatePath, "--tlskey", certificate.KeyPath]
                : ["--smtpscert", certificate.CertificatePath, "--smtpskey", certificate.KeyPath]);
        }
        if (handler == "aiosmtpd.handlers.Mailbox") arguments.Add(Path.Combine(directory, "mail"));
        var environment = modules is null ? null : new Dictionary<string, string> { ["PYTHONPATH"] = modules };
        // Debian's python3, which has the python3-aiosmtpd package (a pyenv python first on the PATH has not).
        var process = new ChildProcess("/usr/bin/python3", arguments, directory, environment);
        var server = new SmtpServer(process, directory, port, certificate);
        try
        {
            await Eventually.TrueAsync(() => process.HasExited || Accepts(port), "aiosmtpd listens", 15_000);
            if (process.HasExited) throw new InvalidOperationException($"aiosmtpd exited:\n{process.Output}");
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>The messages delivered so far, as MimeKit reads them back from the Maildir.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var delivered = Path.Combine(MailDirectory, "new");
        if (!Directory.Exists(delivered)) return [];
        return Directory.GetFiles(delivered).Order().Select(file => MimeMessage.Load(file)).ToList();
    }

    public string Output => _process.Output;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
