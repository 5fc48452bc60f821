using Microsoft.EntityFrameworkCore;
using Scripto.Core.Persistence;
using Scripto.Core.Scripts;

namespace Scripto.Core.Sharing;

/// <summary>The public status pages: made, changed and deleted by admins, read by anyone at /status/{slug}.</summary>
public sealed class StatusPages(IDbContextFactory<ScriptoDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<StatusPage>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StatusPages.OrderBy(p => p.Slug).ToListAsync(cancellationToken);
    }

    public async Task<StatusPage?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (slug.Length is 0 or > StatusPage.MaxSlugLength) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StatusPages.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
    }

    /// <summary>Creates a page (<paramref name="id"/> null) or replaces one; nothing is written when anything is wrong.</summary>
    public async Task<(StatusPage? Page, IReadOnlyList<FieldError> Errors)> SaveAsync(long? id, StatusPageInput input, CancellationToken cancellationToken = default)
    {
        var (page, errors) = input.Check();
        if (page is null) return (null, errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.StatusPages.AnyAsync(p => p.Slug == page.Slug && p.Id != id, cancellationToken))
            return (null, [new FieldError("slug", $"'{page.Slug}' is taken by another status page")]);
        var stored = id is { } existing ? await db.StatusPages.AsTracking().FirstOrDefaultAsync(p => p.Id == existing, cancellationToken) : null;
        if (id is not null && stored is null) return (null, [new FieldError("id", "there is no such status page")]);
        if (stored is null) db.StatusPages.Add(stored = new StatusPage());
        stored.Slug = page.Slug;
        stored.Title = page.Title;
        stored.TargetLines = page.TargetLines;
        stored.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return (stored, []);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StatusPages.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
