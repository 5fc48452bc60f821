using System.Net;
using System.Net.Sockets;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Deploy;

/// <summary>
/// Scripto as deploy/ installs it: the published app in Production behind Debian's nginx with the shipped site, and a
/// browser. Started once for the production tests; everything it started is stopped and deleted at the end.
/// </summary>
public sealed class ProductionFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("scripto-deploy-");
    private PublishedScripto? _app;
    private Nginx? _nginx;

    public ChromiumFixture Chromium { get; } = new();
    public string PublishedDirectory { get; private set; } = "";
    public Uri Https => _nginx!.Https;
    public Uri Http => _nginx!.Http;
    internal TestCertificate Certificate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // nginx's workers run as nobody when the tests run as root: they must reach their temp files in here.
        if (!OperatingSystem.IsWindows()) _directory.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var data = _directory.CreateSubdirectory("data").FullName;
        var nginx = _directory.CreateSubdirectory("nginx").FullName;
        Certificate = TestCertificate.WriteTo(nginx);

        var browser = Chromium.InitializeAsync();
        PublishedDirectory = await Published.DirectoryAsync();
        _app = await PublishedScripto.StartAsync(PublishedDirectory, data);
        _nginx = await Nginx.StartAsync(nginx, _app.Address, Certificate);
        await browser;
    }

    /// <summary>A client of the public site that connects from <paramref name="localAddress"/> (any 127.x.y.z is this machine).</summary>
    public HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => Certificate.Validates(presented) },
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = Https,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _nginx?.Dispose();
        _app?.Dispose();
        _directory.Refresh();
        if (_directory.Exists) _directory.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionFixture>
{
    public const string Name = "production";
}
