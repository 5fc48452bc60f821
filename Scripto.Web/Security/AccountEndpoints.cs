using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Scripto.Web.Security;

public static class AccountEndpoints
{
    /// <summary>Sign out: a POST from the app bar's form, with its antiforgery token (a link could be forged).</summary>
    public static void MapAccount(this WebApplication app) =>
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).AllowAnonymous().ExcludeFromDescription();
}
