using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Scripto.Core.Keys;

namespace Scripto.Web.Security;

/// <summary>
/// Who is asking, in one place: an API key (Authorization: Bearer or X-Api-Key), else a signed-in person (the
/// Identity cookie), else an anonymous visitor with what <see cref="AnonymousAccess"/> grants from where they are.
/// A key that is presented but wrong fails, even where anonymous use would be allowed.
/// </summary>
public sealed class ScriptoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeys keys, SecurityOptions security, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // A handler is made per request: its refusals' logger only when one is refused (the factory locks to look it up).
    private ILogger Refusals => Context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Scripto.Web.Security.Refusals");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is { } presented)
        {
            var key = keys.Find(presented);
            if (key is null)
            {
                Logger.LogWarning("Refused an unknown or revoked API key from {RemoteAddress} for {Method} {Path}",
                    Context.Connection.RemoteIpAddress?.ToString(), Request.Method, Request.Path.Value);
                return AuthenticateResult.Fail("The API key is unknown or revoked.");
            }
            return Success(CachedPrincipals.ForKey(key));
        }

        var cookie = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie.Succeeded && cookie.Principal.Identity?.Name is { } user
            && cookie.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            // The role as stored now, not as when the cookie was made: a demotion or deletion counts at once.
            && await UserAccounts.RoleOfAsync(Context.RequestServices.GetRequiredService<UsersDbContext>(), id) is { } role)
            return Success(ScopeClaims.Principal(user, role.Scopes(), "user",
                new Claim(ClaimTypes.NameIdentifier, id), new Claim(UserRoles.ClaimType, role.Name())));

        var anonymous = AnonymousScopes(security.Anonymous, Context.Connection.RemoteIpAddress);
        return anonymous == Scopes.None ? AuthenticateResult.NoResult() : Success(CachedPrincipals.ForAnonymous(anonymous));
    }

    public static Scopes AnonymousScopes(AnonymousAccess access, IPAddress? remote) => access switch
    {
        AnonymousAccess.Full => Scopes.Admin,
        AnonymousAccess.Local => IsLocal(remote) ? Scopes.Admin : Scopes.None,
        AnonymousAccess.Read => IsLocal(remote) ? Scopes.Admin : Scopes.Read,
        _ => Scopes.None,
    };

    /// <summary>
    /// From this machine: a loopback address, or none at all (an in-process request). Behind a proxy on this
    /// machine, forwarded headers have already replaced the proxy's address with the client's.
    /// </summary>
    public static bool IsLocal(IPAddress? remote) =>
        remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers["X-Api-Key"] is [{ Length: > 0 } apiKey]) return apiKey.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        LogRefusal(401);
        if (IsPage(Request))
        {
            Response.Redirect($"/login?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Scripto\"";
        var failed = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        await WriteProblemAsync(401, "Unauthorized", failed
            ? "The API key is unknown or revoked."
            : "Send an API key: Authorization: Bearer <key>, or X-Api-Key: <key>. Keys are made on the dashboard's Keys page.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        LogRefusal(403);
        if (IsPage(Request))
        {
            Response.Redirect($"/login?denied=1&returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");
            return;
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync(403, "Forbidden", "This key's scopes (or this person's role) do not allow this: reporting needs report, "
            + "reading needs read, deleting, pausing, schedules, keys and users need admin; a viewer only reads.");
    }

    /// <summary>One line an operator can act on (who, what), in place of ASP.NET's "Scripto was challenged".</summary>
    private void LogRefusal(int status) =>
        Refusals.LogInformation("Refused {Method} {Path} from {RemoteAddress}: {Status} {Reason}",
            Request.Method, Request.Path.Value, Context.Connection.RemoteIpAddress?.ToString() ?? "this process",
            status, status == 401 ? (IsPage(Request) ? "not signed in, sent to /login" : "no valid API key") : "not allowed for this key or user");

    private Task WriteProblemAsync(int status, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();

    private static bool IsPage(HttpRequest request) =>
        !(request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics") || request.Path.StartsWithSegments("/openapi"));
}
