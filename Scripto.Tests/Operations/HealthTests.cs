using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Operations;

public sealed class HealthTests : ApiTest
{
    [Fact]
    public async Task Healthz_answers_200_while_the_database_answers()
    {
        var response = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_file_is_gone()
    {
        (await Client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        TempDatabase.Delete(App.DatabasePath);

        var response = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(File.Exists(App.DatabasePath), "the health check must not create an empty database in its place");
    }
}
