using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;

namespace Scripto.Core.Keys;

/// <summary>
/// The keys that open the APIs: those from configuration and those made in the dashboard. Checking a key is a
/// lookup in memory (every report is checked); the set is reloaded after each change, which is rare.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock, IReadOnlyList<ApiKey> configured)
{
    private volatile FrozenDictionary<string, ApiKey> _byHash = FrozenDictionary<string, ApiKey>.Empty;
    private readonly SemaphoreSlim _changing = new(1, 1);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiKeys.Where(k => k.RevokedAt == null).ToListAsync(cancellationToken);
        _byHash = configured.Concat(stored).ToFrozenDictionary(k => k.Hash, StringComparer.Ordinal);
    }

    /// <summary>The live key this secret is, or null (unknown or revoked).</summary>
    public ApiKey? Find(string presented)
    {
        if (presented.Length is 0 or > 200) return null;
        // A dictionary lookup by hash leaks nothing useful: an attacker cannot choose hashes.
        return _byHash.GetValueOrDefault(KeySecret.Hash(presented));
    }

    /// <summary>Every key, live and revoked, newest first; configured keys first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiKeys.OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        return [.. configured, .. stored];
    }

    /// <summary>
    /// Makes a key and returns its secret: the only time anyone sees it. A report key may be limited to servers
    /// and/or names (comma-separated globs) and/or tags (see <see cref="KeyLimits"/>).
    /// </summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, Scopes scopes, string? servers = null, string? names = null,
        CancellationToken cancellationToken = default, string? tags = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw new ArgumentException("A key's name must be 1 to 100 characters.", nameof(name));
        if (scopes == Scopes.None) throw new ArgumentException("A key needs at least one scope.", nameof(scopes));
        var limits = CheckedLimits(scopes, servers, names, tags);
        var secret = KeySecret.New();
        var key = new ApiKey
        {
            Name = name, Prefix = KeySecret.Prefix(secret), Hash = KeySecret.Hash(secret), Scopes = scopes,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ServerGlobs = limits.Servers.Count > 0 ? KeyLimits.Text(limits.Servers) : null,
            NameGlobs = limits.Names.Count > 0 ? KeyLimits.Text(limits.Names) : null,
            Tags = limits.Tags.Count > 0 ? KeyLimits.Text(limits.Tags) : null,
        };
        await ChangeAsync(db => db.ApiKeys.Add(key), cancellationToken);
        return (key, secret);
    }

    /// <summary>Revokes a stored key at once; false when there is no such live key.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        var revoked = false;
        await ChangeAsync(db =>
        {
            var key = db.ApiKeys.AsTracking().FirstOrDefault(k => k.Id == id && k.RevokedAt == null);
            if (key is null) return;
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            revoked = true;
        }, cancellationToken);
        return revoked;
    }

    private async Task ChangeAsync(Action<ScriptoDbContext> change, CancellationToken cancellationToken)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            change(db);
            await db.SaveChangesAsync(cancellationToken);
            await LoadAsync(cancellationToken);
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Limits are for report keys: an admin key is never limited, and a read key writes nothing to limit.</summary>
    public static KeyLimits CheckedLimits(Scopes scopes, string? servers, string? names, string? tags = null) =>
        LimitsProblem(scopes, servers, names, tags) is { } problem
            ? throw new ArgumentException(problem.Message, problem.Field)
            : KeyLimits.Parse(servers, names, tags);

    /// <summary>Why these limits cannot be a key's, and which of its fields is at fault; null when they can.</summary>
    public static (string Message, string Field)? LimitsProblem(Scopes scopes, string? servers, string? names, string? tags = null)
    {
        if (KeyLimits.Error(servers) is { } serversError) return ($"A key's servers {serversError}.", nameof(servers));
        if (KeyLimits.Error(names) is { } namesError) return ($"A key's names {namesError}.", nameof(names));
        if (KeyLimits.TagsError(tags) is { } tagsError) return ($"A key's tags: {tagsError}.", nameof(tags));
        if (!KeyLimits.Parse(servers, names, tags).IsNone && (scopes.HasFlag(Scopes.Admin) || !scopes.HasFlag(Scopes.Report)))
            return ("Only a report key (not admin) can be limited to servers, names or tags.", nameof(scopes));
        return null;
    }

    /// <summary>A key written in configuration: its secret (or only its SHA-256, "sha256:..."), name and scopes.</summary>
    public static ApiKey Configured(string name, string keyOrHash, Scopes scopes, string? servers = null, string? names = null, string? tags = null)
    {
        var hashed = keyOrHash.StartsWith("sha256:", StringComparison.Ordinal);
        var hash = hashed ? keyOrHash["sha256:".Length..].ToLowerInvariant() : KeySecret.Hash(keyOrHash);
        var limits = CheckedLimits(scopes, servers, names, tags);
        return new ApiKey
        {
            Name = name, Hash = hash, Scopes = scopes, FromConfiguration = true,
            Prefix = hashed ? "(hashed)" : KeySecret.Prefix(keyOrHash),
            ServerGlobs = limits.Servers.Count > 0 ? KeyLimits.Text(limits.Servers) : null,
            NameGlobs = limits.Names.Count > 0 ? KeyLimits.Text(limits.Names) : null,
            Tags = limits.Tags.Count > 0 ? KeyLimits.Text(limits.Tags) : null,
        };
    }
}
