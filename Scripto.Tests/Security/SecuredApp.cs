using Microsoft.Extensions.DependencyInjection;
using Scripto.Core;
using Scripto.Core.Keys;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// The app as an operator would expose it: keys of each scope in its settings, one key made and then revoked on
/// the Keys page's service, and clients that the app sees coming from another machine.
/// </summary>
public abstract class SecuredApp : IAsyncLifetime
{
    public const string ReportKey = "report-key-0123456789abcdef";
    public const string ReadKey = "read-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string WrongKey = "scripto_not-a-key-anyone-made";

    protected SecuredApp() => App = new ScriptoFactory(Provider);

    /// <summary>The database the class runs on (see ApiTest); read once, in the constructor.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected ScriptoFactory App { get; }
    protected string RevokedKey { get; private set; } = "";
    protected long ScriptId { get; private set; }

    public virtual async Task InitializeAsync()
    {
        string[][] keys = [["reporter", ReportKey, "report"], ["viewer", ReadKey, "read"], ["ops", AdminKey, "admin"]];
        for (var i = 0; i < keys.Length; i++)
        {
            App.Settings[$"Security:ApiKeys:{i}:Name"] = keys[i][0];
            App.Settings[$"Security:ApiKeys:{i}:Key"] = keys[i][1];
            App.Settings[$"Security:ApiKeys:{i}:Scopes"] = keys[i][2];
        }
        ScriptId = await App.CreateClient().CreateScriptAsync(new { name = "backup.sh", server = "db-1" }); // from this machine
        var apiKeys = App.Services.GetRequiredService<ApiKeys>();
        var (revoked, secret) = await apiKeys.CreateAsync("old laptop", Scopes.Admin);
        await apiKeys.RevokeAsync(revoked.Id);
        RevokedKey = secret;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    protected HttpClient Remote(string? key, string header = "Authorization")
    {
        var client = App.CreateRemoteClient();
        if (key is not null)
        {
            if (header == "Authorization") client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            else client.DefaultRequestHeaders.Add(header, key);
        }
        return client;
    }
}
