using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Reading;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V2;

/// <summary>tags= on a v2 ping: set, kept, cleared, refused; and the dashboard's filter by tag.</summary>
public class TagTests : ApiTest
{
    private Task<HttpResponseMessage> Ping(string path) => Client.SendRawAsync("POST", "/api/v2/ping/" + path, null, null);

    private static async Task<List<string>> TagsOf(HttpResponseMessage response) =>
        (await response.JsonAsync())["tags"]!.AsArray().Select(t => (string)t!).ToList();

    [Fact]
    public async Task A_ping_sets_the_tags_a_later_ping_without_them_keeps_them_and_an_empty_one_clears_them()
    {
        Assert.Equal(["db", "nightly"], await TagsOf(await Ping("backup.sh?server=db-1&tags=Nightly,db")));
        Assert.Equal(["db", "nightly"], await TagsOf(await Ping("backup.sh?server=db-1")));
        Assert.Equal(["weekly"], await TagsOf(await Ping("backup.sh?server=db-1&tags=weekly")));
        Assert.Empty(await TagsOf(await Ping("backup.sh?server=db-1&tags=")));
    }

    [Fact]
    public async Task A_bad_tag_is_refused_with_a_problem_naming_tags_and_nothing_is_written()
    {
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await Ping("backup.sh?server=db-1&tags=db,rm%20-rf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("tags", problem);
        Assert.Contains("'rm -rf' is not a tag", problem);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }

    [Fact]
    public async Task The_dashboard_filter_by_tag_shows_only_scripts_carrying_it()
    {
        await Ping("backup.sh?server=db-1&tags=db,nightly");
        await Ping("vacuum.sh?server=db-2&tags=db");
        await Ping("rotate.sh?server=web-1&tags=nightly,web");
        await Ping("dbx.sh?server=web-2&tags=dbx");
        var queries = App.Services.GetRequiredService<DashboardQueries>();

        var db = await queries.PageAsync(new DashboardQuery(Sort: DashboardSort.Name, Tag: "DB"));
        var nightly = await queries.PageAsync(new DashboardQuery(Sort: DashboardSort.Name, Tag: "nightly"));

        Assert.Equal(["backup.sh", "vacuum.sh"], db.Rows.Select(r => r.Name));
        Assert.Equal(["backup.sh", "rotate.sh"], nightly.Rows.Select(r => r.Name));
        Assert.Equal(["db", "nightly"], db.Rows[0].Tags);
    }
}

public sealed class TagTestsOnPostgres : TagTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
