using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Web.Security;

namespace Scripto.Tests.Shared;

/// <summary>
/// A person signed in to the pages a <see cref="DashboardContext"/> renders (bUnit's authorization), with the scopes a
/// test gives: what a page shows or allows depends on them.
/// </summary>
public sealed class SignedInPerson
{
    private readonly BunitAuthorizationContext _auth;

    public SignedInPerson(BunitContext bunit)
    {
        _auth = bunit.AddAuthorization();
        // Pages ask it whether a person may still change things; keys and these test principals need no database.
        bunit.Services.AddSingleton<UserAccounts>();
    }

    public void With(params string[] scopes)
    {
        _auth.SetAuthorized("someone");
        _auth.SetClaims([.. scopes.Select(s => new Claim(ScopeClaims.Type, s))]);
        _auth.SetPolicies(scopes);
    }
}
