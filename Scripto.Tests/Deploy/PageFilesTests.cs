using System.IO.Compression;
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

        Assert.Equal(5, files.Count); // MudBlazor's and the app's stylesheets; MudBlazor's, Blazor's and the app's scripts
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

    [Fact]
    public async Task The_page_s_blazor_script_asks_the_browser_to_compile_it_whole_at_load_and_comes_compressed_and_cached_for_good()
    {
        using var client = deployed.ClientFrom("127.0.0.1");
        var page = await client.GetStringAsync("/");
        var blazor = PageFile().Matches(page).Select(m => m.Groups["href"].Value).Single(f => f.StartsWith("_framework/blazor.web."));
        Assert.Matches(@"^_framework/blazor\.web\.[a-z0-9]+\.js$", blazor); // fingerprinted: a new build is a new address

        using var request = new HttpRequestMessage(HttpMethod.Get, blazor);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Content.Headers.ContentEncoding.SequenceEqual(["br"]));
        Assert.Equal("max-age=31536000, immutable", answer.Headers.CacheControl?.ToString());
        await using var script = new BrotliStream(await answer.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var text = await new StreamReader(script).ReadToEndAsync();
        // V8's explicit compile hint: every function compiled as the script loads, so Chromium's code cache holds them
        // all and a fresh page does not compile Blazor's functions lazily on its main thread while it goes live.
        Assert.StartsWith("//# allFunctionsCalledOnLoad\n", text);
        Assert.Contains("Blazor", text); // the framework's script after it, whole
        Assert.EndsWith("}();", text.TrimEnd());
    }

    [GeneratedRegex("""<(?:link rel="stylesheet" href|script src)="(?<href>[^"]+)"[^>]*>""")]
    private static partial Regex PageFile();
}
