using Microsoft.Data.Sqlite;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (its own SQLite file, a fake clock), and the clients of clients/ run against
/// it as real processes: /bin/sh clients/scripto-send, and python3 with clients/python on its path.
/// Each test has a home directory of its own and an empty config file, so no setting of the machine's is read.
/// </summary>
public abstract class ClientTest : IAsyncLifetime
{
    public static string RepositoryRoot => RepoPaths.Root;
    public static string ScriptoSendPath { get; } = Path.Combine(RepositoryRoot, "clients", "scripto-send");

    /// <summary>Debian's python3 (test.sh installs python3-requests for it); a pyenv python first on the PATH may lack it.</summary>
    public static string Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly List<ChildProcess> _processes = [];

    protected ClientTest() : this(new ScriptoFactory(TempDatabase.NewPath(), kestrel: true)) { }

    protected ClientTest(ScriptoFactory app) => App = app;

    protected ScriptoFactory App { get; }
    protected string Url => App.ServerAddress.ToString().TrimEnd('/');
    protected HttpClient Api { get; private set; } = null!;
    protected string Home { get; } = Directory.CreateTempSubdirectory("scripto-client-home-").FullName;

    public virtual Task InitializeAsync()
    {
        Api = new HttpClient { BaseAddress = App.ServerAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        Api.Dispose();
        await App.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }

    /// <summary>Starts scripto-send under /bin/sh (dash on Debian) with SCRIPTO_URL set to the app, unless the test says otherwise.</summary>
    protected ChildProcess StartScriptoSend(string[] arguments, Dictionary<string, string?>? environment = null) =>
        Track(new ChildProcess("/bin/sh", [ScriptoSendPath, .. arguments], EnvironmentWith(environment)));

    protected async Task<ChildProcess> ScriptoSendAsync(string[] arguments, Dictionary<string, string?>? environment = null)
    {
        var process = StartScriptoSend(arguments, environment);
        await process.ExitAsync();
        return process;
    }

    /// <summary>Starts a command line under /bin/sh, as cron runs a crontab line.</summary>
    protected ChildProcess StartShell(string commandLine) =>
        Track(new ChildProcess("/bin/sh", ["-c", commandLine], EnvironmentWith(null)));

    /// <summary>Starts python3 on a program, with scripto_client importable.</summary>
    protected ChildProcess StartPython(string program, Dictionary<string, string?>? environment = null)
    {
        var env = EnvironmentWith(environment);
        env["PYTHONPATH"] = Path.Combine(RepositoryRoot, "clients", "python");
        env["PYTHONDONTWRITEBYTECODE"] = "1"; // no __pycache__ left in the repository
        return Track(new ChildProcess(Python, ["-c", program], env));
    }

    /// <summary>An address where nothing listens: connections are refused at once.</summary>
    /// <summary>Scripto on a port given beforehand: a client already sending there while it was not yet up (a restart).</summary>
    protected sealed class PortFactory : ScriptoFactory
    {
        public PortFactory(int port) : base(TempDatabase.NewPath()) => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
    }

    protected static string ClosedUrl()
    {
        return $"http://127.0.0.1:{UnusedPort.Next()}";
    }

    /// <summary>A script's row as stored, column by column (null if there is none of that name).</summary>
    protected Dictionary<string, object?>? Script(string name) => Rows("SELECT * FROM scripts WHERE name = $name", name).SingleOrDefault();

    /// <summary>A script's runs, oldest first.</summary>
    protected List<Dictionary<string, object?>> Runs(string name) =>
        Rows("SELECT runs.* FROM runs JOIN scripts ON scripts.id = runs.script_id WHERE scripts.name = $name ORDER BY runs.id", name);

    protected long ScriptCount() => (long)DatabaseContents.Scalar(App.ConnectionString, "SELECT count(*) FROM scripts")!;

    private List<Dictionary<string, object?>> Rows(string sql, string name)
    {
        using var connection = new SqliteConnection(App.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    /// <summary>A client's environment: what the test gives it, and none of the machine's Scripto settings.</summary>
    public static Dictionary<string, string?> Isolated(IReadOnlyDictionary<string, string?> given)
    {
        var environment = new Dictionary<string, string?>(given);
        foreach (var name in new[] { "SCRIPTO_URL", "SCRIPTO_KEY", "SCRIPTO_CONFIG", "XDG_CONFIG_HOME", "PYTHONPATH" })
            environment.TryAdd(name, null);
        return environment;
    }

    private Dictionary<string, string?> EnvironmentWith(Dictionary<string, string?>? overrides)
    {
        var given = new Dictionary<string, string?>(overrides ?? []) { ["HOME"] = Home };
        given.TryAdd("SCRIPTO_URL", Url); // a null the test gave means: unset
        given.TryAdd("SCRIPTO_CONFIG", "/dev/null"); // not the machine's /etc/scripto/scripto-send.conf
        return Isolated(given);
    }

    private ChildProcess Track(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
