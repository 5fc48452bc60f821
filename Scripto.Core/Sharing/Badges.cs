using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;

namespace Scripto.Core.Sharing;

/// <summary>Making, listing, finding and revoking badges. Badges are not scripts: they are written here, not by the ScriptWriter.</summary>
public sealed class Badges(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    /// <summary>128 random bits, base64url: unguessable, and short enough for a README.</summary>
    public const int TokenLength = 22;

    public async Task<IReadOnlyList<Badge>> ListAsync(IEnumerable<Target> targets, CancellationToken cancellationToken = default)
    {
        var wanted = targets.ToList();
        var kinds = wanted.Select(t => t.Kind).Distinct().ToList();
        var values = wanted.Select(t => t.Value).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Badges.Where(b => kinds.Contains(b.Kind) && values.Contains(b.Value)).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        return candidates.Where(b => wanted.Contains(b.Target)).ToList();
    }

    public async Task<Badge> CreateAsync(Target target, CancellationToken cancellationToken = default)
    {
        var badge = new Badge
        {
            Token = NewToken(), Kind = target.Kind, Value = target.Value, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Badges.Add(badge);
        await db.SaveChangesAsync(cancellationToken);
        return badge;
    }

    /// <summary>Deletes it: its address answers 404 from now on. False when there was no such badge.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Badges.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The badge with this token, or null; anything that is not a token's shape is not looked up.</summary>
    public async Task<Badge?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length != TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Badges.FirstOrDefaultAsync(b => b.Token == token, cancellationToken);
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
