using System.Collections.Concurrent;
using System.Net;

namespace Scripto.Web.Security;

/// <summary>
/// Failed sign-ins counted per client address and user name, not per user: ten wrong passwords from one address
/// pause that address's attempts at that name for a few minutes, and nobody elsewhere, the admin included, is
/// locked out by them (Identity's own lockout is per user: a remote kill switch). Unknown names count alike, so a
/// lock says nothing about whether a name exists. The per-address rate limit on POST /login bounds the rest.
/// </summary>
public sealed class SignInLockout(TimeProvider clock)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(5);

    /// <summary>Kept in memory; past this many (address, name) pairs, the stale ones go and then the oldest.</summary>
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<(IPAddress, string), Attempts> _failures = new();

    public bool IsLocked(IPAddress? address, string user) =>
        _failures.TryGetValue(Key(address, user), out var a) && a.LockedUntil > clock.GetUtcNow();

    public void Failed(IPAddress? address, string user)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked) Forget(now);
        _failures.AddOrUpdate(Key(address, user), _ => new Attempts(1, DateTimeOffset.MinValue, now), (_, a) =>
        {
            // A lock served, or failures long ago, start the count over.
            var over = a.LockedUntil != DateTimeOffset.MinValue ? a.LockedUntil <= now : now - a.Last > LockFor;
            var count = over ? 1 : a.Count + 1;
            return new Attempts(count, count >= MaxFailures ? now + LockFor : DateTimeOffset.MinValue, now);
        });
    }

    public void Succeeded(IPAddress? address, string user) => _failures.TryRemove(Key(address, user), out _);

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, a) in _failures)
            if (a.LockedUntil <= now && now - a.Last > LockFor) _failures.TryRemove(key, out _);
        if (_failures.Count < MaxTracked) return;
        foreach (var (key, _) in _failures.OrderBy(p => p.Value.Last).Take(_failures.Count - MaxTracked / 2))
            _failures.TryRemove(key, out _);
    }

    private static (IPAddress, string) Key(IPAddress? address, string user) =>
        (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address ?? IPAddress.Loopback, user.Trim().ToUpperInvariant());

    private sealed record Attempts(int Count, DateTimeOffset LockedUntil, DateTimeOffset Last);
}
