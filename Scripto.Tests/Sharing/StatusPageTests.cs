using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Sharing;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Sharing;

/// <summary>/status/{slug}: public, plain HTML, only what the admin chose.</summary>
public class StatusPageTests : ApiTest
{
    private StatusPages Pages => App.Services.GetRequiredService<StatusPages>();

    private async Task PingAsync(string name, string server, string outcome = "", string? tags = null)
    {
        var query = tags is null ? "" : $"&tags={tags}"; // an empty tags= would clear them
        var response = await Client.PostAsync($"/api/v2/ping/{name}{outcome}?server={server}&schedule=daily{query}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<StatusPage> CreateAsync(string slug, string[] tags, string[]? servers = null)
    {
        var (page, errors) = await Pages.SaveAsync(null, new StatusPageInput(slug, "Acme services", tags, servers ?? []));
        Assert.Empty(errors);
        return page!;
    }

    private async Task<string> FetchAsync(string slug)
    {
        var response = await App.CreateRemoteClient().GetAsync($"/status/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task It_names_only_the_chosen_tags_and_servers_and_their_scripts()
    {
        await PingAsync("website-backup.sh", "secret-db-7", tags: "public");
        await PingAsync("mail-queue.sh", "mx-1", "/fail");
        await PingAsync("payroll-export.sh", "hr-1", tags: "internal");
        await CreateAsync("acme", ["public"], ["mx-1"]);

        var html = await FetchAsync("acme");

        Assert.Contains("Acme services", html);
        Assert.Contains("website-backup.sh", html);
        Assert.Contains("mail-queue.sh", html);
        Assert.Contains(">public<", html);
        Assert.Contains(">mx-1<", html);
        Assert.DoesNotContain("payroll-export", html); // a script outside the selection
        Assert.DoesNotContain("internal", html); // a tag outside it
        Assert.DoesNotContain("hr-1", html);
        Assert.DoesNotContain("secret-db-7", html); // the server of a script chosen by its tag
        Assert.Contains("1 of 2 failing", html);
    }

    [Fact]
    public async Task It_is_plain_html_with_no_blazor_no_script_and_a_30_second_refresh()
    {
        await PingAsync("website-backup.sh", "web-1", tags: "public");
        await CreateAsync("acme", ["public"]);

        var response = await App.CreateRemoteClient().GetAsync("/status/acme");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("blazor", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("_framework", html);
        Assert.DoesNotContain("<!--Blazor", html);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"30\">", html);
        Assert.Equal(90, Regex.Matches(html, "class=\"bar\"").Count); // one bar per day
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task Reading_it_writes_nothing_and_an_unknown_or_deleted_page_is_404()
    {
        await PingAsync("website-backup.sh", "web-1", tags: "public");
        var page = await CreateAsync("acme", ["public"]);
        var before = DatabaseContents.Checksum(App.ConnectionString);
        await FetchAsync("acme");
        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));

        var remote = App.CreateRemoteClient();
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync("/status/nope")).StatusCode);
        await Pages.DeleteAsync(page.Id);
        App.Clock.Advance(TimeSpan.FromSeconds(11)); // past the 10 s a rendering is kept
        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync("/status/acme")).StatusCode);
    }

    [Fact]
    public async Task A_state_change_shows_within_ten_seconds()
    {
        await PingAsync("website-backup.sh", "web-1", tags: "public");
        await CreateAsync("acme", ["public"]);
        Assert.Contains("All systems operational", await FetchAsync("acme"));

        await PingAsync("website-backup.sh", "web-1", "/fail");
        App.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Contains("1 of 1 failing", await FetchAsync("acme"));
    }

    [Fact]
    public async Task A_bad_page_is_refused_by_field_and_nothing_is_written()
    {
        await CreateAsync("acme", ["public"]);
        var before = DatabaseContents.Checksum(App.ConnectionString);

        var (page, errors) = await Pages.SaveAsync(null, new StatusPageInput("Acme Status!", "", ["no spaces allowed"], []));
        Assert.Null(page);
        Assert.Equal(["slug", "title", "tags"], errors.Select(e => e.Field));
        (_, errors) = await Pages.SaveAsync(null, new StatusPageInput("acme", "Again", ["db"], []));
        Assert.Equal("slug", Assert.Single(errors).Field);
        (_, errors) = await Pages.SaveAsync(null, new StatusPageInput("empty", "Nothing chosen", [], [""]));
        Assert.Equal("tags", Assert.Single(errors).Field);

        Assert.Equal(before, DatabaseContents.Checksum(App.ConnectionString));
    }
}

public sealed class StatusPageTestsOnPostgres : StatusPageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
