using Scripto.Core;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Api.V1;

/// <summary>GET /api/v1/script answers the original's paginated shape.</summary>
public class ListTests : ApiTest
{

    [Fact]
    public async Task An_empty_database_answers_no_objects()
    {
        var body = await (await Client.GetAsync("/api/v1/script")).JsonAsync();

        Assert.Equal("""{"num_results":0,"objects":[],"page":1,"total_pages":0}""", body.ToJsonString());
    }

    [Fact]
    public async Task Pages_hold_ten_by_default_in_id_order()
    {
        for (var i = 1; i <= 23; i++) await Client.CreateScriptAsync(new { name = $"s{i}.sh" });

        var first = await (await Client.GetAsync("/api/v1/script")).JsonAsync();
        var third = await (await Client.GetAsync("/api/v1/script?page=3")).JsonAsync();

        Assert.Equal(23, (int)first["num_results"]!);
        Assert.Equal(3, (int)first["total_pages"]!);
        Assert.Equal(1, (int)first["page"]!);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"s{i}.sh"), first["objects"]!.AsArray().Select(o => (string)o!["name"]!));
        Assert.Equal(["s21.sh", "s22.sh", "s23.sh"], third["objects"]!.AsArray().Select(o => (string)o!["name"]!));
        Assert.Equal(3, (int)third["page"]!);
    }

    [Fact]
    public async Task Results_per_page_sets_the_page_size()
    {
        for (var i = 1; i <= 5; i++) await Client.CreateScriptAsync(new { name = $"s{i}.sh" });

        var body = await (await Client.GetAsync("/api/v1/script?results_per_page=2&page=2")).JsonAsync();

        Assert.Equal(["s3.sh", "s4.sh"], body["objects"]!.AsArray().Select(o => (string)o!["name"]!));
        Assert.Equal(3, (int)body["total_pages"]!);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty()
    {
        await Client.CreateScriptAsync(new { name = "only.sh" });

        var body = await (await Client.GetAsync("/api/v1/script?page=9")).JsonAsync();

        Assert.Empty(body["objects"]!.AsArray());
        Assert.Equal(1, (int)body["num_results"]!);
    }
}

public sealed class ListTestsOnPostgres : ListTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
