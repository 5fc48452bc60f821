using System.Net;
using System.Text.RegularExpressions;

namespace Scripto.Tests.Deploy;

/// <summary>
/// The files a page waits for before it shows and goes live (its stylesheets block the first paint, its scripts the
/// circuit), as the published app behind nginx answers them: compressed, with their type, cached for good.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed partial class PageFilesTests(ProductionFixture deployed)
{
    [Fact]
    public async Task The_dashboard_s_stylesheets_and_scripts_come_compressed_and_are_cached_for_good()
    {
        using var client = deployed.ClientFrom("127.0.0.1");
        var page = await client.GetStringAsync("/");
        var files = PageFile().Matches(page).Select(m => m.Groups["href"].Value).ToList();

        // The dashboard's part of MudBlazor's stylesheet and the app's stylesheet; Blazor's and the app's scripts; and
        // MudBlazor's script and whole stylesheet, which the app's script loads once the page is live (their addresses in
        // data-mudblazor and data-mudblazor-css)
        Assert.Equal(6, files.Count);
        Assert.Contains(files, f => f.StartsWith("mudblazor-dashboard.") && f.EndsWith(".css"));
        Assert.Contains(files, f => f.StartsWith("mudblazor/MudBlazor.min.") && f.EndsWith(".css"));
        foreach (var file in files)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, file);
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd"); // as Chromium asks
            using var answer = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.True(answer.Content.Headers.ContentEncoding.SequenceEqual(["br"]), $"{file} came as '{string.Join(",", answer.Content.Headers.ContentEncoding)}', not Brotli");
            Assert.Equal(file.EndsWith(".css") ? "text/css" : "text/javascript", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal("max-age=31536000, immutable", answer.Headers.CacheControl?.ToString());
        }
        // The largest, in a first visit's bytes: MudBlazor's stylesheet is 627 KB as it comes in the package.
        using var css = new HttpRequestMessage(HttpMethod.Get, files.Single(f => f.StartsWith("mudblazor/") && f.EndsWith(".css")));
        css.Headers.AcceptEncoding.ParseAdd("br");
        Assert.InRange((await (await client.SendAsync(css)).Content.ReadAsByteArrayAsync()).Length, 1, 100_000);
    }

    [GeneratedRegex("""(?:<link rel="stylesheet" href|<script src|\sdata-mudblazor(?:-css)?)="(?<href>[^"]+)"(?=[\s>])""")]
    private static partial Regex PageFile();
}
