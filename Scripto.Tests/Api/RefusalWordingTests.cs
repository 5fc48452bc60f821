using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api;

/// <summary>A refusal quotes what was sent as it was sent, and names what it clashes with as that is spelt.</summary>
public sealed class RefusalWordingTests : ApiTest
{
    [Fact]
    public async Task A_channel_name_taken_in_another_case_names_both_spellings()
    {
        (await Client.SendRawAsync("POST", "/api/v2/channels", """{"name": "ops-hook", "kind": "webhook", "url": "https://hooks.example/a"}""")).EnsureSuccessStatusCode();

        var refused = await Client.SendRawAsync("POST", "/api/v2/channels", """{"name": "OPS-HOOK", "kind": "webhook", "url": "https://hooks.example/b"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("'OPS-HOOK' is already used by another channel, 'ops-hook': channel names are the same whatever their case",
            (string?)(await refused.JsonAsync())["errors"]!["name"]![0]);
    }

    [Fact]
    public async Task A_refused_tag_is_quoted_as_given_not_lower_cased()
    {
        var channel = await Client.SendRawAsync("POST", "/api/v2/channels", """{"name": "ops", "kind": "webhook", "url": "https://hooks.example/a", "tags": ["Nightly!"]}""");
        var ping = await Client.SendRawAsync("POST", "/api/v2/ping/backup.sh?tags=DB,Nightly!", null);
        var window = await Client.SendRawAsync("POST", "/api/v2/maintenance", """{"tags": ["Nightly!"], "for": "1h"}""");

        foreach (var refused in new[] { channel, ping, window })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.JsonAsync();
            Assert.StartsWith("'Nightly!' is not a tag", (string?)problem["errors"]!["tags"]![0]);
        }
    }
}
