using Microsoft.EntityFrameworkCore;
using Scripto.Core.Notifications.Channels;
using Scripto.Core.Scripts;

namespace Scripto.Core.Persistence.Postgres;

/// <summary>
/// The same tables on PostgreSQL, with their own migrations (PostgresMigrations/). Only what SQLite spells
/// differently changes here: its NOCASE collation and its 0/1 booleans in the time worker's index filter.
/// </summary>
public sealed class PostgresScriptoDbContext(DbContextOptions<PostgresScriptoDbContext> options) : ScriptoDbContext(options)
{
    /// <summary>
    /// Script names: ICU's root collation sorts them the way a person reads them (as NOCASE does on SQLite), yet
    /// stays deterministic, so equality is exact (v2's names are case-sensitive) and LIKE and the indexes work.
    /// </summary>
    public const string ReadingCollation = "und-x-icu";

    /// <summary>Channel names: unique regardless of case, as NOCASE makes them on SQLite.</summary>
    public const string CaseInsensitiveCollation = "scripto_nocase";

    /// <summary><see cref="ScriptConfiguration.AwaitingDown"/> with PostgreSQL's booleans.</summary>
    public const string AwaitingDown = "health <> 'Down' AND NOT paused";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        var script = modelBuilder.Entity<Script>();
        script.Property(s => s.Name).UseCollation(ReadingCollation);
        script.Property(s => s.Server).UseCollation(ReadingCollation);
        script.HasIndex(s => s.DownAt, ScriptConfiguration.AwaitingDownIndex).HasFilter(AwaitingDown);
        modelBuilder.Entity<Channel>().Property(c => c.Name).UseCollation(CaseInsensitiveCollation);
    }
}
