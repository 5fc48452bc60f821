using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Scripto.Web.Operations;

/// <summary>
/// How many pages are open in a browser right now: each live page is one Blazor circuit, counted while its
/// connection is up (a closed tab's circuit is kept a while for a reconnect, but it is no longer open).
/// </summary>
public sealed class OpenCircuits : CircuitHandler
{
    private int _open;

    public int Count => Volatile.Read(ref _open);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
