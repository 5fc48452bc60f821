namespace Scripto.Tests.Shared;

/// <summary>A test class with the app of its own (a fresh SQLite file per test) and a client for it.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    protected ScriptoFactory App { get; } = new();
    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
