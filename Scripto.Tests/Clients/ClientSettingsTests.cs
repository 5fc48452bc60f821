using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Clients;

/// <summary>
/// Where the clients find Scripto and their key: a flag (argument), else the environment, else the config file.
/// The losing source points at a closed port, so a report that lands proves the right one won; the server records
/// the Authorization header each request carried (it checks no key yet).
/// </summary>
public sealed class ClientSettingsTests() : ClientTest(new KeyRecordingFactory())
{
    private KeyRecordingFactory Keys => (KeyRecordingFactory)App;

    private string ConfigFile(string text)
    {
        var path = Path.Combine(Home, "scripto-send.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task The_config_file_gives_the_url_and_the_key()
    {
        var config = ConfigFile($"# Scripto, for every job of this host\n\n  url = \"{Url}\"\nkey=file-key\n");

        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1"], new() { ["SCRIPTO_URL"] = null, ["SCRIPTO_CONFIG"] = config });

        Assert.Equal(0, send.ExitCode);
        Assert.NotNull(Script("backup.sh"));
        Assert.Equal("Bearer file-key", Keys.Authorizations);
    }

    [Fact]
    public async Task The_config_file_in_the_home_directory_is_read_by_default()
    {
        Directory.CreateDirectory(Path.Combine(Home, ".config", "scripto"));
        File.WriteAllText(Path.Combine(Home, ".config", "scripto", "scripto-send.conf"), $"url={Url}\nkey=home-key\n");

        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1"], new() { ["SCRIPTO_URL"] = null, ["SCRIPTO_CONFIG"] = null });

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("Bearer home-key", Keys.Authorizations);
    }

    [Fact]
    public async Task The_environment_wins_over_the_config_file()
    {
        var config = ConfigFile($"url={ClosedUrl()}\nkey=file-key\n");

        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1"],
            new() { ["SCRIPTO_URL"] = Url, ["SCRIPTO_KEY"] = "env-key", ["SCRIPTO_CONFIG"] = config });

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("Bearer env-key", Keys.Authorizations);
    }

    [Fact]
    public async Task Flags_win_over_the_environment()
    {
        var send = await ScriptoSendAsync(["--url", Url, "--key", "flag-key", "--name", "backup.sh", "--status", "1"],
            new() { ["SCRIPTO_URL"] = ClosedUrl(), ["SCRIPTO_KEY"] = "env-key" });

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("Bearer flag-key", Keys.Authorizations);
    }

    [Fact]
    public async Task The_config_file_is_read_never_run()
    {
        var marker = Path.Combine(Home, "ran");
        var config = ConfigFile($"url={Url}\nkey=$(touch {marker})\ntouch {marker}\n");

        var send = await ScriptoSendAsync(["--name", "backup.sh", "--status", "1"], new() { ["SCRIPTO_URL"] = null, ["SCRIPTO_CONFIG"] = config });

        Assert.Equal(0, send.ExitCode);
        Assert.False(File.Exists(marker));
        Assert.Equal($"Bearer $(touch {marker})", Keys.Authorizations);
    }

    [Fact]
    public async Task Without_a_key_no_authorization_is_sent()
    {
        var send = await ScriptoSendAsync(["--name", "backup.sh", "--", "true"]);

        Assert.Equal(0, send.ExitCode);
        Assert.Equal("-, -", Keys.Authorizations);
    }

    [Fact]
    public async Task The_python_client_takes_arguments_over_the_environment()
    {
        var python = StartPython($"from scripto_client import ping\nping('report.py', True, url='{Url}', key='arg-key')",
            new() { ["SCRIPTO_URL"] = ClosedUrl(), ["SCRIPTO_KEY"] = "env-key" });

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("", python.Stderr);
        Assert.Equal("Bearer arg-key", Keys.Authorizations);
    }

    [Fact]
    public async Task The_python_client_reads_the_environment_then_the_config_file()
    {
        var config = ConfigFile($"url={Url}\nkey=file-key\n");
        var python = StartPython("from scripto_client import ping\nping('report.py', True)\n",
            new() { ["SCRIPTO_URL"] = null, ["SCRIPTO_KEY"] = "env-key", ["SCRIPTO_CONFIG"] = config });

        Assert.Equal(0, await python.ExitAsync());
        Assert.Equal("Bearer env-key", Keys.Authorizations);
    }

    /// <summary>
    /// The real app, noting the Authorization header of every request, then handling it as from this machine with
    /// no key: these tests are about which key a client sends, not whether the server knows it (SecuredClientTests).
    /// </summary>
    private sealed class KeyRecordingFactory() : ScriptoFactory(TempDatabase.NewPath(), kestrel: true)
    {
        private readonly ConcurrentQueue<string?> _authorizations = new();

        /// <summary>The Authorization header of each request, in order, "-" for none.</summary>
        public string Authorizations => string.Join(", ", _authorizations.Select(a => a ?? "-"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new Recorder(_authorizations)));
        }

        private sealed class Recorder(ConcurrentQueue<string?> into) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                        into.Enqueue(context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString());
                    context.Request.Headers.Authorization = default;
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
