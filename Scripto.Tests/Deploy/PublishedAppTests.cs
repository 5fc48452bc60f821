namespace Scripto.Tests.Deploy;

/// <summary>The published app started as the systemd unit starts it, with a setting an operator got wrong.</summary>
[Collection(ProductionCollection.Name)]
public sealed class PublishedAppTests(ProductionFixture deployed)
{
    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_it_with_a_message_naming_the_setting()
    {
        var data = Directory.CreateTempSubdirectory("scripto-bad-setting-");
        try
        {
            using var app = PublishedScripto.Start(deployed.PublishedDirectory, data.FullName,
                "--urls", "http://127.0.0.1:0", "--ForwardedHeaders:KnownProxies", "10.0.0.5, nginx.lan");

            Assert.Equal(2, await app.ExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Scripto cannot start: ForwardedHeaders:KnownProxies: 'nginx.lan' is not an IP address.", app.Output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
