using Microsoft.Playwright;

namespace Scripto.Tests.Shared;

/// <summary>A browser test: the real app on Kestrel (its own SQLite file, a fake clock), an API client, and a page.</summary>
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    protected ScriptoFactory App { get; } = new(TempDatabase.NewPath(), kestrel: true);
    protected HttpClient Api { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    /// <summary>The viewer's time zone; set it in the constructor to see times as someone elsewhere would.</summary>
    protected string? TimezoneId { get; init; }

    public virtual async Task InitializeAsync()
    {
        Api = new HttpClient { BaseAddress = App.ServerAddress };
        Page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, TimezoneId = TimezoneId });
        Page.SetDefaultTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        await Page.CloseAsync();
        Api.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Waits until the page follows the change feed (its circuit is up).</summary>
    protected Task WaitForLiveAsync() =>
        Page.WaitForSelectorAsync("[data-live]", new() { State = WaitForSelectorState.Attached });
}
