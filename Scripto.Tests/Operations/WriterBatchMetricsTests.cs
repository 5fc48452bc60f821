using System.Net.Http.Json;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

/// <summary>How many reports the writer commits together, as an operator reads it on /metrics.</summary>
public sealed class WriterBatchMetricsTests : ApiTest
{
    private static readonly string[] Sizes = ["1", "2", "3-4", "5-8", "9-16", "17-32", "33-64", "65+"];

    [Fact]
    public async Task Reports_sent_together_are_all_acknowledged_and_counted_in_the_writers_batches()
    {
        var id = await Client.CreateScriptAsync(new { name = "backup.sh" });
        var before = await PrometheusScrape.GetAsync(Client);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Client.PutAsJsonAsync($"/api/v1/script/{id}", new { status = i % 2 == 0 })));

        Assert.All(answers, answer => answer.EnsureSuccessStatusCode());
        var after = await PrometheusScrape.GetAsync(Client);
        Assert.Equal(16, after["scripto_writer_batched_changes"] - before["scripto_writer_batched_changes"]);
        var batches = Sizes.Sum(size => Count(after, size) - Count(before, size));
        Assert.InRange(batches, 1, 16); // however they met the writer, every one was in a batch that was committed
    }

    [Fact]
    public async Task A_lone_report_is_a_batch_of_one()
    {
        (await Client.PostAsync("/api/v2/ping/backup.sh", null)).EnsureSuccessStatusCode();
        var before = await PrometheusScrape.GetAsync(Client);

        (await Client.PostAsync("/api/v2/ping/backup.sh/fail", null)).EnsureSuccessStatusCode();

        var after = await PrometheusScrape.GetAsync(Client);
        Assert.Equal(1, Count(after, "1") - Count(before, "1"));
        Assert.Equal(1, after["scripto_writer_batched_changes"] - before["scripto_writer_batched_changes"]);
    }

    private static double Count(PrometheusScrape metrics, string size) =>
        metrics.Has($"scripto_writer_batches{{size=\"{size}\"}}") ? metrics[$"scripto_writer_batches{{size=\"{size}\"}}"] : 0;
}
