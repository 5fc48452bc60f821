using System.Net;
using System.Net.Sockets;

namespace Scripto.Tests.Shared;

/// <summary>
/// A loopback port nothing listens on at this moment, for a child (nginx, aiosmtpd) that must be told its port before
/// it starts. Another process may take it before the child binds: whoever uses this tries again on "address in use".
/// Anything that can listen on port 0 and say where it listens (Kestrel, Scripto) does that instead.
/// </summary>
public static class UnusedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
