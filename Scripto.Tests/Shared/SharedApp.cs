namespace Scripto.Tests.Shared;

/// <summary>
/// One app for a whole test class (<c>IClassFixture&lt;SharedApp&gt;</c>), for tests that only read what the app serves
/// or are refused: nothing one of them does changes what another sees, so each need not start a host of its own.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    public ScriptoFactory App { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
