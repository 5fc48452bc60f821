using Scripto.Core;

namespace Scripto.Tests.Shared;

/// <summary>
/// A test class with the app of its own (a fresh database per test) and a client for it. On SQLite; a class runs on
/// PostgreSQL too through a subclass that overrides <see cref="Provider"/> (e.g. <c>PingTestsOnPostgres</c>).
/// </summary>
public abstract class ApiTest : IAsyncLifetime
{
    protected ApiTest() => App = new ScriptoFactory(Provider);

    /// <summary>The database the class runs on; read once, in the constructor.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected ScriptoFactory App { get; }
    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
