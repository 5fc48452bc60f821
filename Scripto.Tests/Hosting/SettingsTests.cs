using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Scripto.Web.Hosting;

namespace Scripto.Tests.Hosting;

/// <summary>A setting an operator got wrong stops the start with one sentence naming the setting (StartFailure prints it).</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Runs:Keep", "0", "Runs:Keep must be at least 1, not 0.")]
    [InlineData("Runs:Keep", "many", "Runs:Keep must be a whole number, not 'many'.")]
    [InlineData("Limits:MaxScripts", "-1", "Limits:MaxScripts must be at least 1, not -1.")]
    [InlineData("Limits:MaxScripts", "", "Limits:MaxScripts must be a whole number, not ''.")]
    [InlineData("Storage:Synchronous", "OFF", "Storage:Synchronous must be NORMAL, FULL or EXTRA, not 'OFF'.")]
    [InlineData("Database:Provider", "MySql", "Database:Provider must be Sqlite or Postgres, not 'MySql'.")]
    [InlineData("Notifications:FlapLimit", "0", "Notifications:FlapLimit must be at least 1, not 0.")]
    [InlineData("Notifications:FlapLimit", "six", "Notifications:FlapLimit must be a whole number, not 'six'.")]
    [InlineData("Notifications:Smtp:Security", "Maybe", "Notifications:Smtp:Security must be one of None, StartTls, Tls, not 'Maybe'.")]
    [InlineData("Scripto:PublicUrl", "scripto.example", "Scripto:PublicUrl must be an http or https URL such as https://scripto.example.com, not 'scripto.example'.")]
    [InlineData("Notifications:Smtp:Port", "smtp", "Notifications:Smtp:Port must be a whole number, not 'smtp'.")]
    public void A_wrong_setting_is_refused_in_one_sentence_naming_it(string key, string value, string message)
    {
        Assert.Equal(message, Refusal(new() { [key] = value }));
    }

    [Theory]
    [InlineData("Security:Anonymous", "Everyone", "Security:Anonymous must be Local, Read, Full or None, not 'Everyone'.")]
    [InlineData("Security:ApiKeys:0:Key", "too-short", "Security:ApiKeys:0: a key must be at least 20 characters (make one with: openssl rand -hex 24).")]
    [InlineData("Limits:CircuitsPerAddress", "0", "Limits:CircuitsPerAddress must be a whole number of at least 1, not '0'.")]
    [InlineData("Limits:PerKeyPerSecond", "lots", "Limits:PerKeyPerSecond must be a whole number of requests, at least 1, not 'lots'.")]
    [InlineData("Limits:SignInsPerMinute", "0", "Limits:SignInsPerMinute must be a whole number of requests, at least 1, not '0'.")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5, nginx.lan", "ForwardedHeaders:KnownProxies: 'nginx.lan' is not an IP address.")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network such as 10.0.0.0/8.")]
    public void A_wrong_setting_that_only_requests_use_is_refused_at_start_before_the_database_is_touched(string key, string value, string message)
    {
        Assert.Equal(message, RefusalAtStart(new() { [key] = value }));
    }

    [Fact]
    public void Wrong_settings_in_two_groups_checked_at_start_are_both_named_at_once()
    {
        Assert.Equal("Security:Anonymous must be Local, Read, Full or None, not 'Everyone'. Limits:CircuitsPerAddress must be a whole number of at least 1, not '0'.",
            RefusalAtStart(new() { ["Security:Anonymous"] = "Everyone", ["Limits:CircuitsPerAddress"] = "0" }));
    }

    [Fact]
    public void Two_wrong_storage_settings_are_both_named_at_once()
    {
        Assert.Equal("Runs:Keep must be at least 1, not 0. Limits:MaxScripts must be at least 1, not 0.",
            Refusal(new() { ["Runs:Keep"] = "0", ["Limits:MaxScripts"] = "0" }));
    }

    [Fact]
    public void On_postgres_a_connection_string_that_names_no_server_is_refused_naming_the_setting()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "postgres", ["ConnectionStrings:Scripto"] = "Database=scripto" });

        var error = Assert.ThrowsAny<Exception>(builder.AddScripto);

        Assert.StartsWith("ConnectionStrings:Scripto must name the PostgreSQL server", StartFailure.Describe(error, databasePath: null));
    }

    [Fact]
    public void The_shipped_settings_are_accepted()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Scripto"] = "Data Source=:memory:" });

        builder.AddScripto();
    }

    private static string? RefusalAtStart(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["ConnectionStrings:Scripto"] = "Data Source=:memory:" });
        builder.AddScripto();
        using var app = builder.Build();
        var error = Assert.ThrowsAny<Exception>(app.MigrateDatabase);
        return StartFailure.Describe(error, databasePath: null);
    }

    private static string? Refusal(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["ConnectionStrings:Scripto"] = "Data Source=:memory:" });
        var error = Assert.ThrowsAny<Exception>(builder.AddScripto);
        return StartFailure.Describe(error, databasePath: null);
    }
}
