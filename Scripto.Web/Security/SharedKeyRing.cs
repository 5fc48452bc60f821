using Microsoft.AspNetCore.DataProtection;

namespace Scripto.Web.Security;

/// <summary>
/// ASP.NET Core Data Protection's key ring, which signs the sign-in cookie, the antiforgery tokens and the Blazor
/// circuits. On PostgreSQL it lives in the database, under one application name, so that a cookie one node issued is
/// good on every node: a restart or a failover moves a person to another node without signing them out. On SQLite
/// the one process keeps ASP.NET's default (a folder of this machine's, under $HOME/.aspnet), as before.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The same on every node (the default is the content root's path, which differs between machines).</summary>
    public const string ApplicationName = "Scripto";

    public static void AddSharedKeyRing(this IServiceCollection services) =>
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<UsersDbContext>();

    /// <summary>
    /// Makes the first key now, at start, under the migration lock: the first node makes it and the others read it.
    /// Nodes starting at once on an empty ring would otherwise each make a key of their own on first use, and refuse
    /// one another's cookies until they next re-read the ring.
    /// </summary>
    public static void EnsureKey(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Scripto.KeyRing").Protect([1]);
}
