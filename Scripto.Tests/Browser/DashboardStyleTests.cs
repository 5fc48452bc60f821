using Microsoft.Playwright;
using Scripto.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace Scripto.Tests.Browser;

/// <summary>
/// The dashboard is served with only the part of MudBlazor's stylesheet it uses (wwwroot/mudblazor-dashboard.css,
/// Styles/dashboard-css.mjs), and scripto.js adds the whole sheet once the page is live. The page must look the same
/// with either: in each of its states, every element's computed style (and its ::before and ::after) is compared with
/// the whole sheet switched off and on. A rule missing from the part (a MudBlazor update, a new class on the page)
/// fails here, naming the element and the property.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardStyleTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    private const string WholeSheet = "link[rel=stylesheet][href*='mudblazor/MudBlazor.min.']";

    // Every element's computed style, as "element path | pseudo | property: value" lines, the whole sheet off or on.
    private const string ComputedStyles = """
        async (wholeSheetOn) => {
          const link = document.querySelector("link[rel=stylesheet][href*='mudblazor/MudBlazor.min.']");
          link.disabled = !wholeSheetOn;
          await new Promise(r => requestAnimationFrame(() => r()));
          const path = e => {
            const parts = [];
            for (; e && e.nodeType === 1; e = e.parentElement)
              parts.unshift(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
                            ':nth-child(' + (Array.prototype.indexOf.call(e.parentNode?.children ?? [], e) + 1) + ')');
            return parts.join(' > ');
          };
          const lines = [];
          for (const e of document.body.querySelectorAll('*')) {
            if (e.closest('script, #components-reconnect-modal')) continue;
            for (const pseudo of [null, '::before', '::after']) {
              const s = getComputedStyle(e, pseudo);
              if (pseudo && s.content === 'none') continue;
              for (let i = 0; i < s.length; i++) lines.push(`${path(e)} | ${pseudo ?? ''} | ${s[i]}: ${s.getPropertyValue(s[i])}`);
            }
          }
          link.disabled = false;
          return lines;
        }
        """;

    [Fact]
    public async Task The_dashboard_looks_the_same_with_its_part_of_MudBlazors_stylesheet_as_with_the_whole()
    {
        // No script yet: the first report's card (MudBlazor's paper, texts and link).
        await OpenAsync("/");
        await Expect(Page.Locator(".scripto-empty")).ToBeVisibleAsync();
        await AssertSameStylesAsync("no script yet");

        // Every status a row can show, tags, several servers.
        await Api.CreateScriptAsync(new { name = "backup.sh", server = "db-1", status = 1, last_exec = "CURRENT_TIMESTAMP", periodicity = "daily" });
        await Api.CreateScriptAsync(new { name = "rotate.sh", server = "web-1", status = 0, last_exec = "CURRENT_TIMESTAMP", periodicity = "hourly" });
        await Api.CreateScriptAsync(new { name = "late.sh", server = "web-1", status = 1, last_exec = (ScriptoFactory.Start - TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), periodicity = "hourly" });
        await Api.CreateScriptAsync(new { name = "never.sh", server = "web-2", periodicity = "daily" });
        using (var tagged = await Api.PostAsync("/api/v2/ping/tagged.sh?server=db-1&schedule=daily&tags=nightly,db", null))
            tagged.EnsureSuccessStatusCode();
        foreach (var view in new[] { "/", "/?group=server", "/?tag=nightly&server=db-1", "/?status=failing" })
        {
            await OpenAsync(view);
            await Expect(Page.Locator("tbody tr").First).ToBeVisibleAsync();
            await AssertSameStylesAsync(view);
        }
    }

    [Fact]
    public async Task The_dashboard_is_served_with_its_part_of_the_stylesheet_and_has_the_whole_once_live_while_other_pages_are_served_with_the_whole()
    {
        var page = await (await Page.GotoAsync(App.ServerAddress.ToString()))!.TextAsync();
        Assert.Contains("mudblazor-dashboard.", page);
        Assert.DoesNotContain("<link rel=\"stylesheet\" href=\"mudblazor/MudBlazor.min.", page);
        await WaitForLiveAsync();
        await Page.WaitForFunctionAsync($"() => document.querySelector(\"{WholeSheet}\")?.sheet?.cssRules.length > 1000");
        Assert.InRange(await Page.EvaluateAsync<int>("() => document.getElementById('scripto-mudblazor-css').sheet.cssRules.length"), 1, 200);
        // Added in the cascade's place of the part, before the app's own sheet, which overrides MudBlazor's rules.
        Assert.True(await Page.EvaluateAsync<bool>($"() => document.querySelector(\"{WholeSheet}\").nextElementSibling.href.includes('/app.')"));

        foreach (var path in new[] { "/keys", "/servers", "/maintenance" })
        {
            var other = await Api.GetStringAsync(path);
            Assert.Contains("<link rel=\"stylesheet\" href=\"mudblazor/MudBlazor.min.", other);
            Assert.DoesNotContain("mudblazor-dashboard.", other);
        }
    }

    [Fact]
    public async Task The_dashboard_holds_its_first_frame_until_its_layout_is_parsed_to_the_end()
    {
        // Chromium's parser yields every ~10 ms and painted the rows parsed so far in between, then styled and laid out
        // the page again with the rest. Whether a page is cut depends on timing, so this reads what holds the frame:
        // a render-blocking expect link naming this very page (its path and query: against <base href="/"> a bare
        // fragment would name "/" alone), and its target after the table and the pager, before the scripts.
        await Api.CreateScriptAsync(new { name = "backup.sh", status = 1, last_exec = "CURRENT_TIMESTAMP" });
        var html = await Api.GetStringAsync("/?sort=name&q=backup");
        Assert.Contains("<link rel=\"expect\" href=\"/?sort=name&amp;q=backup#blazor-error-ui\" blocking=\"render\" />", html);
        var target = html.IndexOf("id=\"blazor-error-ui\"", StringComparison.Ordinal);
        Assert.InRange(target, html.IndexOf("scripto-pager", StringComparison.Ordinal), html.LastIndexOf("_framework/blazor.web.", StringComparison.Ordinal));

        // In the browser: at the first animation frame, the row and the pager are there.
        await Page.AddInitScriptAsync("""
            requestAnimationFrame(() => window.__firstFrame = [
              document.querySelectorAll('tbody tr').length, document.querySelectorAll('.scripto-pager').length]);
            """);
        await Page.GotoAsync(new Uri(App.ServerAddress, "/?sort=name&q=backup").ToString());
        await WaitForLiveAsync();
        var firstFrame = await Page.EvaluateAsync<int[]>("() => window.__firstFrame");
        Assert.Equal([1, 1], firstFrame);
        Assert.DoesNotContain("rel=\"expect\"", await Api.GetStringAsync("/keys"));
    }

    private async Task OpenAsync(string view)
    {
        await Page.GotoAsync(new Uri(App.ServerAddress, view).ToString());
        await WaitForLiveAsync();
        await Page.EvaluateAsync("() => scripto.mudBlazor()"); // the whole sheet, now (it comes once the browser is idle)
    }

    private async Task AssertSameStylesAsync(string view)
    {
        var part = await Page.EvaluateAsync<string[]>(ComputedStyles, false);
        var whole = await Page.EvaluateAsync<string[]>(ComputedStyles, true);
        Assert.True(part.Length > 1000, $"{view}: {part.Length} computed values");
        var differences = part.Except(whole).Take(10).ToList();
        Assert.True(differences.Count == 0 && part.Length == whole.Length,
            $"{view}: with only the dashboard's part of MudBlazor's sheet, unlike with the whole:\n{string.Join("\n", differences)}");
    }
}
