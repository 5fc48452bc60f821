using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Tests.Shared;
using Scripto.Web.Formatting;
using Scripto.Web.Sharing;

namespace Scripto.Tests.Sharing;

/// <summary>Badges at their public addresses, as a README on another site fetches them: no sign-in, no writes, one state.</summary>
public class BadgeTests : ApiTest
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private Badges Badges => App.Services.GetRequiredService<Badges>();

    private async Task<long> PingAsync(string name, string server, string outcome = "", string query = "")
    {
        var response = await Client.PostAsync($"/api/v2/ping/{name}{outcome}?server={server}&schedule=daily{query}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>From another machine with no key and no cookie: how a README's viewer fetches it.</summary>
    private async Task<(HttpResponseMessage Response, XDocument Svg)> FetchSvgAsync(Badge badge)
    {
        var response = await App.CreateRemoteClient().GetAsync($"/badges/{badge.Token}.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string Colour(XDocument svg) => svg.Descendants(Svg + "rect").ElementAt(2).Attribute("fill")!.Value; // the message's side

    private static IEnumerable<string> Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).Distinct();

    [Fact]
    public async Task A_script_badge_is_valid_svg_with_its_name_and_state_in_the_states_colour_for_anyone()
    {
        var id = await PingAsync("backup.sh", "db-1");
        var badge = await Badges.CreateAsync(Target.OfScript(id));

        var (response, svg) = await FetchSvgAsync(badge);

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["backup.sh", "ok"], Texts(svg));
        Assert.Equal("#44cc11", Colour(svg));
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.CacheControl!.MaxAge);
        Assert.False(response.Headers.Contains("Set-Cookie"));

        await PingAsync("backup.sh", "db-1", "/fail");
        (_, svg) = await FetchSvgAsync(badge);
        Assert.Equal(["backup.sh", "failed"], Texts(svg));
        Assert.Equal("#e05d44", Colour(svg));
    }

    [Fact]
    public void Every_state_has_its_colour_and_a_badge_that_parses()
    {
        var expected = new Dictionary<ScriptStatus, string>
        {
            [ScriptStatus.Failed] = "#e05d44", [ScriptStatus.Down] = "#e05d44", [ScriptStatus.Late] = "#dfb317",
            [ScriptStatus.Running] = "#007ec6", [ScriptStatus.Soon] = "#97ca00", [ScriptStatus.Ok] = "#44cc11",
            [ScriptStatus.Maintenance] = "#5a67d8", [ScriptStatus.Paused] = "#6c757d", [ScriptStatus.NeverReported] = "#9f9f9f",
        };
        foreach (var status in Enum.GetValues<ScriptStatus>())
        {
            var svg = XDocument.Parse(BadgeSvg.Render("<b>&\"nightly\"", StatusWords.Label(status).ToLowerInvariant(), StatusHex.Of(status)));
            Assert.Equal(expected[status], Colour(svg));
            Assert.Contains("<b>&\"nightly\"", Texts(svg)); // escaped in the file, itself when read
        }
    }

    [Fact]
    public async Task A_tag_or_server_badge_shows_its_worst_script_and_the_json_form_says_the_same()
    {
        await PingAsync("backup.sh", "db-1", query: "&tags=public");
        await PingAsync("vacuum.sh", "db-1", "/fail", "&tags=public");
        await PingAsync("secret.sh", "web-1", "/fail");
        var tag = await Badges.CreateAsync(Target.OfTag("public"));
        var server = await Badges.CreateAsync(Target.OfServer("web-1"));

        Assert.Equal(["public", "failed"], Texts((await FetchSvgAsync(tag)).Svg));
        var json = await App.CreateRemoteClient().GetAsync($"/badges/{server.Token}.json");
        Assert.Equal(TimeSpan.FromSeconds(10), json.Headers.CacheControl!.MaxAge);
        var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("web-1", body.GetProperty("label").GetString());
        Assert.Equal("failed", body.GetProperty("message").GetString());
        Assert.Equal("#e05d44", body.GetProperty("color").GetString());
    }

    [Fact]
    public async Task A_revoked_an_unknown_or_a_malformed_token_is_404()
    {
        var id = await PingAsync("backup.sh", "db-1");
        var badge = await Badges.CreateAsync(Target.OfScript(id));
        var remote = App.CreateRemoteClient();
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync($"/badges/{badge.Token}.svg")).StatusCode);

        Assert.True(await Badges.RevokeAsync(badge.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync($"/badges/{badge.Token}.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync($"/badges/{badge.Token}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync("/badges/AAAAAAAAAAAAAAAAAAAAAA.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync("/badges/x'%20OR%201=1.svg")).StatusCode);
    }

    [Fact]
    public async Task A_badge_of_a_deleted_script_is_404_and_fetching_badges_writes_nothing()
    {
        var id = await PingAsync("backup.sh", "db-1");
        var badge = await Badges.CreateAsync(Target.OfScript(id));
        var remote = App.CreateRemoteClient();
        var before = DatabaseContents.Checksum(App.ConnectionString);

        for (var i = 0; i < 3; i++) await remote.GetAsync($"/badges/{badge.Token}.svg");
        Assert.NotEqual(HttpStatusCode.OK, (await remote.PostAsync($"/badges/{badge.Token}.svg", null)).StatusCode);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/script/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync($"/badges/{badge.Token}.svg")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_unguessable_and_unique()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 50; i++) tokens.Add((await Badges.CreateAsync(Target.OfTag("db"))).Token);
        Assert.Equal(50, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(Scripto.Core.Sharing.Badges.TokenLength, t.Length));
    }
}

public sealed class BadgeTestsOnPostgres : BadgeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
