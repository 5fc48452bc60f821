using System.Net;
using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>Many writers at once: every report is acknowledged, none sees "database is locked", the last write stands.</summary>
public class ConcurrencyTests : ApiTest
{

    [Fact]
    public async Task Sixty_four_concurrent_puts_to_one_script_all_succeed_and_one_whole_write_is_stored()
    {
        var id = await Client.CreateScriptAsync(new { name = "busy.sh" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Client.SendRawAsync("PUT", $"/api/v1/script/{id}",
                $$"""{"server": "host-{{i}}", "status": {{i % 2}}, "last_exec": "2017-07-{{i / 24 + 1:00}}T{{i % 24:00}}:00:00"}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // The writer applies the queue in order: whatever came last is stored whole, not a mix of two requests.
        var stored = await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync();
        var i = int.Parse(((string)stored["server"]!)["host-".Length..]);
        Assert.Equal(i % 2 == 1, (bool)stored["status"]!);
        Assert.Equal($"2017-07-{i / 24 + 1:00}T{i % 24:00}:00:00", (string?)stored["last_exec"]);

        var last = await Client.SendRawAsync("PUT", $"/api/v1/script/{id}", """{"server": "final", "status": 1}""");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("final", (string?)(await (await Client.GetAsync($"/api/v1/script/{id}")).JsonAsync())["server"]);
    }

    [Fact]
    public async Task Sixty_four_concurrent_puts_to_distinct_scripts_all_succeed_and_all_are_stored()
    {
        var ids = new List<long>();
        for (var i = 0; i < 64; i++) ids.Add(await Client.CreateScriptAsync(new { name = $"job-{i}.sh" }));

        var responses = await Task.WhenAll(ids.Select(id =>
            Client.SendRawAsync("PUT", $"/api/v1/script/{id}", $$"""{"server": "ran-{{id}}", "status": 0}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var id in ids)
            Assert.Equal($"ran-{id}|0", DatabaseContents.Scalar(App.ConnectionString, $"SELECT server || '|' || (CASE WHEN status THEN 1 ELSE 0 END) FROM scripts WHERE id = {id}"));
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_ids_and_mixed_refusals_do_not_fail_the_others()
    {
        var bodies = Enumerable.Range(0, 64).Select(i => i % 8 == 0 ? """{"name": ""}""" : $$"""{"name": "new-{{i}}.sh"}""");

        var responses = await Task.WhenAll(bodies.Select(b => Client.SendRawAsync("POST", "/api/v1/script", b)));

        Assert.Equal(8, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(56, created.Count);
        var ids = await Task.WhenAll(created.Select(async r => (long)(await r.JsonAsync())["id"]!));
        Assert.Equal(56, ids.Distinct().Count());
        Assert.Equal(56L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts"));
    }
}

public sealed class ConcurrencyTestsOnPostgres : ConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
