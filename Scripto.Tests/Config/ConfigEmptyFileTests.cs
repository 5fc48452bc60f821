using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Config;

/// <summary>
/// An empty file (what a failed <c>curl &gt; scripto.yaml</c> leaves) is refused, never read as "nothing", so that
/// with prune=1 it cannot delete the install; nor can a file that names its sections and holds nothing in them.
/// </summary>
public sealed class ConfigEmptyFileTests : ApiTest
{
    [Theory]
    [InlineData("", "application/yaml")]
    [InlineData("# nothing\n", "application/yaml")]
    [InlineData("{}", "application/yaml")]
    // An empty JSON body was already refused (as "is not JSON").
    [InlineData("{}", "application/json")]
    public async Task An_empty_file_is_refused_400_even_as_a_dry_run_with_prune(string text, string type)
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var dryRun = await ConfigSeed.PostAsync(Client, text, "?dry_run=1&prune=1", type);
        var apply = await ConfigSeed.PostAsync(Client, text, "?prune=1", type);

        foreach (var response in new[] { dryRun, apply })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("is empty", (string)(await response.JsonAsync())["errors"]!["(document)"]![0]!);
        }
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
        Assert.Equal(6L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts"));
    }

    [Fact]
    public async Task A_file_holding_nothing_with_prune_is_refused_rather_than_emptying_the_install()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var response = await ConfigSeed.PostAsync(Client, "scripts: []\nchannels: []\nmaintenance: []\nstatus_pages: []\n", "?prune=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("would delete everything", (string)(await response.JsonAsync())["errors"]!["prune"]![0]!);
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
        // Without prune it changes nothing and is answered as such.
        Assert.Equal(HttpStatusCode.OK, (await ConfigSeed.PostAsync(Client, "scripts: []\n")).StatusCode);
    }

    [Fact]
    public async Task A_file_that_keeps_one_thing_still_prunes_the_rest()
    {
        await ConfigSeed.SeedAsync(Client, App.Services);

        var response = await ConfigSeed.PostAsync(Client, "scripts:\n- name: adhoc\n", "?dry_run=1&prune=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5 + 2 + 2 + 1, (await response.JsonAsync())["deleted"]!.AsArray().Count);
    }
}
