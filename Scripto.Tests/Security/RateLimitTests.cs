using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

public sealed class RateLimitTests : SecuredApp
{
    public override async Task InitializeAsync()
    {
        App.Settings["Limits:PerAddressPerSecond"] = "5";
        App.Settings["Limits:PerKeyPerSecond"] = "5";
        await base.InitializeAsync();
    }

    [Fact]
    public async Task Over_the_limit_an_address_gets_429_with_Retry_After_and_nothing_is_written()
    {
        var client = App.CreateRemoteClient("198.51.100.1");
        var local = App.CreateRemoteClient("127.0.0.1");
        // At once, as a burst arrives: sent one after another on a busy machine, the bucket refills in between.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => local.PostAsync($"/api/v2/ping/job-{i}", null)));

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5L, DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM Scripts WHERE name LIKE 'job-%'"));

        // Another address has a bucket of its own.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v2/ping/other", null)).StatusCode);
    }

    [Fact]
    public async Task Each_key_has_its_own_limit()
    {
        var reporter = Remote(ReportKey);
        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => reporter.PostAsync("/api/v2/ping/a", null)));
        Assert.Equal(5, burst.Count(a => a.IsSuccessStatusCode));
        Assert.Equal(3, burst.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));

        // Same address, another key: not slowed by the first key's burst.
        Assert.Equal(HttpStatusCode.OK, (await Remote(AdminKey).PostAsync("/api/v2/ping/a", null)).StatusCode);
    }
}
