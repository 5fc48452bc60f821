using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scripto.Core;
using Scripto.Core.Keys;
using Scripto.Core.Persistence;
using Scripto.Web.Hosting;

namespace Scripto.Web.Security;

/// <summary>Keys, sign-in, scopes and limits: wired here, applied to every API and page.</summary>
public static class SecurityServices
{
    public static void AddScriptoSecurity(this WebApplicationBuilder builder, ScriptoOptions core)
    {
        var services = builder.Services;
        services.AddSettings<SecurityOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SecurityOptions>>().Value);
        services.AddSettings<LimitsOptions>();
        services.AddSingleton<KnownHosts>();
        services.AddSingleton<SetupCode>();
        services.AddSingleton(sp => new ApiKeys(
            sp.GetRequiredService<IDbContextFactory<ScriptoDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SecurityOptions>().ConfiguredKeys()));

        if (core.OnPostgres)
        {
            services.AddDbContext<UsersDbContext, PostgresUsersDbContext>(db => db.UseNpgsql(core.ConnectionString,
                postgres => postgres.MigrationsHistoryTable(UsersDbContext.HistoryTable)));
            services.AddSharedKeyRing();
        }
        else
            services.AddDbContext<UsersDbContext>(db => db.UseSqlite(core.ConnectionString,
                sqlite => sqlite.MigrationsHistoryTable(UsersDbContext.HistoryTable)));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                // Failed sign-ins are counted per address and name by SignInLockout, never by Identity per user.
            })
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>() // every password set anywhere: setup, settings, the users page
            .AddSignInManager();
        services.AddSingleton<SignInLockout>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<FirstAdminSetup>();
        services.AddSingleton<UserAccounts>();
        services.AddAuthentication(ScopeClaims.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ScriptoAuthenticationHandler>(ScopeClaims.Scheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "scripto.auth";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
            }));
        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();
        services.AddRateLimits();
    }

    /// <summary>The users' tables, the nodes' key ring on PostgreSQL, the keys in memory, the first admin from configuration.</summary>
    public static void PrepareSecurity(this WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
        {
            DatabaseSetup.ApplyPendingMigrations(scope.ServiceProvider.GetRequiredService<UsersDbContext>().Database, "users", app.Logger);
            if (app.Services.GetRequiredService<ScriptoOptions>().OnPostgres) SharedKeyRing.EnsureKey(app.Services);
            var security = app.Services.GetRequiredService<SecurityOptions>();
            if (security.Admin is { User: { } name, Password: { } password })
                FirstAdmin.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), name, password).GetAwaiter().GetResult();
        }
        app.Services.GetRequiredService<ApiKeys>().LoadAsync().GetAwaiter().GetResult();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
    }

    public static void UseScriptoSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimits();
        app.UseAuthorization();
        app.UseMiddleware<CircuitGate>();
    }

    /// <summary>Says at start who may do what, plainly, above all when Scripto is reachable from other machines.</summary>
    private static void Announce(WebApplication app)
    {
        var log = app.Logger;
        var security = app.Services.GetRequiredService<SecurityOptions>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !ListensOnLoopbackOnly(a)).ToList();
        if (exposed.Count > 0)
        {
            if (security.Anonymous == AnonymousAccess.Full)
                log.LogWarning("Scripto listens beyond this machine ({Addresses}) and Security:Anonymous is Full, as set: anyone who can reach it can report, read, change and delete scripts",
                    string.Join(", ", exposed));
            else
                log.LogWarning("Scripto listens beyond this machine ({Addresses}): it does not run anonymous there. Other machines need an API key or a sign-in; "
                    + "anonymous use stays allowed from this machine only{Read}. Set Security:Anonymous=Full to allow anyone (not advised)",
                    string.Join(", ", exposed), security.Anonymous == AnonymousAccess.Read ? ", and anyone may read" : "");
        }
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (!users.Users.Any())
            log.LogWarning("No one can sign in yet. Create the first admin at /setup, from this machine or with the one-time code {SetupCode}, "
                + "or set Security:Admin:User and Security:Admin:Password", app.Services.GetRequiredService<SetupCode>().Value);
    }

    public static bool ListensOnLoopbackOnly(string address)
    {
        var host = BindingAddress.Parse(address).Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }
}
