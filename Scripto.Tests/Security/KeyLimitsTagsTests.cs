using System.Net;
using Scripto.Core.Keys;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// A report key limited to the tag db: it writes only to scripts that carry it (a new one must come with it), and
/// can move none out of it; what it may not touch is refused (403, naming "tags") with nothing written.
/// </summary>
public sealed class KeyLimitsTagsTests : SecuredApp
{
    private const string TaggedKey = "tagged-key-0123456789abcdef";

    public override async Task InitializeAsync()
    {
        App.Settings["Security:ApiKeys:9:Name"] = "db jobs";
        App.Settings["Security:ApiKeys:9:Key"] = TaggedKey;
        App.Settings["Security:ApiKeys:9:Scopes"] = "report";
        App.Settings["Security:ApiKeys:9:Tags"] = "db";
        await base.InitializeAsync(); // makes backup.sh on db-1, untagged
        var admin = Remote(AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v2/ping/vacuum.sh?server=db-1&tags=db,nightly", null)).StatusCode);
    }

    private string Snapshot() => DatabaseContents.Checksum(App.ConnectionString);

    [Fact]
    public async Task The_key_reports_to_a_script_carrying_its_tag_and_creates_one_that_comes_with_it()
    {
        var tagged = Remote(TaggedKey);

        Assert.Equal(HttpStatusCode.OK, (await tagged.PostAsync("/api/v2/ping/vacuum.sh?server=db-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tagged.PostAsync("/api/v2/ping/reindex.sh?server=db-9&tags=db", null)).StatusCode);
    }

    [Fact]
    public async Task A_script_without_the_tag_is_refused_403_naming_tags_and_nothing_is_written()
    {
        var tagged = Remote(TaggedKey);
        var before = Snapshot();

        var untagged = await tagged.PostAsync("/api/v2/ping/backup.sh?server=db-1", null);
        var newWithout = await tagged.PostAsync("/api/v2/ping/other.sh?server=db-1&tags=web", null);
        var tagAway = await tagged.PostAsync("/api/v2/ping/vacuum.sh?server=db-1&tags=nightly", null);
        var byId = await tagged.SendRawAsync("PUT", $"/api/v1/script/{ScriptId}", """{"status": 1}""");

        Assert.Equal(HttpStatusCode.Forbidden, untagged.StatusCode);
        var problem = await untagged.JsonAsync();
        Assert.Equal("Outside this key's limits", (string?)problem["title"]);
        Assert.StartsWith("'tags' refused: the script carries none of this key's tags (db): add one (tags=…). ", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]!["tags"]);
        Assert.Equal(HttpStatusCode.Forbidden, newWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tagAway.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byId.StatusCode);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Tags_in_a_key_limit_are_read_lower_case_and_a_bad_one_is_refused()
    {
        Assert.Equal(["db", "nightly"], KeyLimits.Parse(null, null, "DB, nightly").Tags);
        Assert.Equal("servers db-*; tags db", KeyLimits.Parse("db-*", null, "db").ToString());
        var refused = Assert.Throws<ArgumentException>(() => ApiKeys.CheckedLimits(Scopes.Report, null, null, "db, -x"));
        Assert.StartsWith("A key's tags: '-x' is not a tag", refused.Message);
    }
}
