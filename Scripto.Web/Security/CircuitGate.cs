using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>
/// The dashboard's live connection (/_blazor) costs memory for as long as it is open. Nobody gets one who may see
/// nothing (pages already send such a visitor to /login before a circuit starts; this refuses the hub itself), and
/// one address holds at most <c>Limits:CircuitsPerAddress</c> of them at once (429 past it).
/// </summary>
public sealed class CircuitGate(RequestDelegate next, IOptions<LimitsOptions> limits, ILogger<CircuitGate> log)
{
    private readonly int _perAddress = limits.Value.CircuitsPerAddress;
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/_blazor"))
        {
            await next(http);
            return;
        }
        if (!http.User.Has(Scopes.Read))
        {
            await RefuseAsync(http, 401, "Sign in first", "The live dashboard is for those who may read: sign in, or send a key.");
            return;
        }
        var address = http.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        if (_open.AddOrUpdate(address, 1, (_, n) => n + 1) > _perAddress)
        {
            Release(address);
            await RefuseAsync(http, 429, "Too many live connections", $"One address may hold {_perAddress} dashboards open at once (Limits:CircuitsPerAddress).");
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            Release(address);
        }
    }

    private void Release(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0) _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
    }

    private async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        log.LogWarning("Refused {Method} {Path} from {RemoteAddress}: {Status} {Title}",
            http.Request.Method, http.Request.Path.Value, http.Connection.RemoteIpAddress?.ToString(), status, title);
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
