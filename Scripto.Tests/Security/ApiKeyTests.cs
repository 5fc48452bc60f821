using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Keys;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

public class ApiKeyTests : SecuredApp
{
    [Fact]
    public async Task A_key_is_stored_only_as_its_hash()
    {
        var (key, secret) = await App.Services.GetRequiredService<ApiKeys>().CreateAsync("backup host", Scopes.Report);

        var dump = DatabaseContents.Dump(App.ConnectionString);
        Assert.DoesNotContain(secret, dump);
        Assert.DoesNotContain(secret[KeySecret.PrefixLength..], dump);
        Assert.Contains(KeySecret.Hash(secret), dump);
        Assert.StartsWith("scripto_", secret);
        Assert.Equal(secret[..KeySecret.PrefixLength], key.Prefix);

        Assert.Equal(HttpStatusCode.Created, (await Remote(secret).PostAsync("/api/v2/ping/nightly", null)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var keys = App.Services.GetRequiredService<ApiKeys>();
        var (key, secret) = await keys.CreateAsync("laptop", Scopes.Report);
        Assert.Equal(HttpStatusCode.Created, (await Remote(secret).PostAsync("/api/v2/ping/nightly", null)).StatusCode);

        Assert.True(await keys.RevokeAsync(key.Id));

        var refused = await Remote(secret).PostAsync("/api/v2/ping/nightly", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("unknown or revoked", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_even_from_this_machine()
    {
        var local = App.CreateClient();
        local.DefaultRequestHeaders.Authorization = new("Bearer", WrongKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await local.PostAsync("/api/v2/ping/nightly", null)).StatusCode);
        Assert.Contains(App.Logs.Entries, e => e.Message.StartsWith("Refused an unknown or revoked API key"));
    }

    [Fact]
    public async Task A_configured_key_may_be_given_as_its_hash_alone()
    {
        await using var app = new ScriptoFactory(App.Provider);
        app.Settings["Security:ApiKeys:0:Key"] = "sha256:" + KeySecret.Hash("a-long-enough-secret-for-ci");
        app.Settings["Security:ApiKeys:0:Scopes"] = "read";
        var remote = app.CreateRemoteClient();
        remote.DefaultRequestHeaders.Authorization = new("Bearer", "a-long-enough-secret-for-ci");
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/api/v1/script")).StatusCode);
    }
}

public sealed class ApiKeyTestsOnPostgres : ApiKeyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
