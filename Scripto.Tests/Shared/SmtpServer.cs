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
    /// <param name="port">The port to listen on (a free one when not given), to start a server again where it was.</param>
    /// <param name="directory">Where to keep the mail, to start a server again with the mail it had.</param>
    public static async Task<SmtpServer> StartAsync(Tls tls = Tls.None, string handler = "aiosmtpd.handlers.Mailbox", string? modules = null,
        int? port = null, string? directory = null)
    {
        directory ??= Directory.CreateTempSubdirectory("scripto-smtp-").FullName;
        TestCertificate? certificate = tls == Tls.None ? null : TestCertificate.WriteTo(directory);
        var environment = modules is null ? null : new Dictionary<string, string?> { ["PYTHONPATH"] = modules };
        // aiosmtpd must be told its port: one free a moment ago may be taken before it binds, so try again with another.
        for (var attempt = 1; ; attempt++)
        {
            var listenOn = port ?? UnusedPort.Next();
            var arguments = new List<string> { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listenOn}", "-c", handler };
            if (certificate is not null)
                arguments.AddRange(tls == Tls.StartTls
                    ? ["--tlscert", certificate.CertificatePath, "--tlskey", certificate.KeyPath]
                    : ["--smtpscert", certificate.CertificatePath, "--smtpskey", certificate.KeyPath]);
            if (handler == "aiosmtpd.handlers.Mailbox") arguments.Add(Path.Combine(directory, "mail"));
            // Debian's python3, which has the python3-aiosmtpd package (a pyenv python first on the PATH has not).
            var process = new ChildProcess("/usr/bin/python3", arguments, environment, directory);
            SmtpServer? server = null;
            try
            {
                await Eventually.TrueAsync(() => process.HasExited || Accepts(listenOn), "aiosmtpd listens", 15_000);
                if (!process.HasExited) return server = new SmtpServer(process, directory, listenOn, certificate);
                await process.ExitAsync(); // and its output read to the end
            }
            finally
            {
                if (server is null) process.Dispose();
            }
            if (port is null && attempt < 3 && process.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) continue;
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            throw new InvalidOperationException($"aiosmtpd exited:\n{process.Output}");
        }
    }

    /// <summary>
    /// An aiosmtpd that takes mail only after AUTH PLAIN or LOGIN with <paramref name="user"/> and
    /// <paramref name="password"/> (offered without TLS, as on a trusted relay); its command line has no such option,
    /// so a few lines of Python set up its controller.
    /// </summary>
    public static async Task<SmtpServer> StartWithLoginAsync(string user, string password)
    {
        var directory = Directory.CreateTempSubdirectory("scripto-smtp-").FullName;
        var port = UnusedPort.Next(); // a race with another binder fails this test loudly; it is the only one of its kind
        var script = Path.Combine(directory, "login_smtp.py");
        await File.WriteAllTextAsync(script, """
            import signal, sys
            from aiosmtpd.controller import Controller
            from aiosmtpd.handlers import Mailbox
            from aiosmtpd.smtp import AuthResult, LoginPassword
            port, mail, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()
            def check(server, session, envelope, mechanism, data):
                # handled=False: aiosmtpd answers 535 itself (with handled=True it waits for us to, for ever)
                return AuthResult(success=isinstance(data, LoginPassword) and data.login == user and data.password == password, handled=False)
            Controller(Mailbox(mail), hostname="127.0.0.1", port=port, authenticator=check,
                       auth_required=True, auth_require_tls=False).start()
            print("listening", flush=True)
            signal.pause()
            """);
        var process = new ChildProcess("/usr/bin/python3", [script, port.ToString(), Path.Combine(directory, "mail"), user, password], null, directory);
        var server = new SmtpServer(process, directory, port, null);
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

    public string Folder => _directory;

    /// <summary>Stops the server, keeping its mail (Dispose deletes it).</summary>
    public void Stop() => _process.Dispose();

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
