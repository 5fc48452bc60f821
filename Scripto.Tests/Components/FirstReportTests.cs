using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Scripto.Web.Components.Dashboard;
using Scripto.Web.Security;

namespace Scripto.Tests.Components;

/// <summary>The empty dashboard shows the one line that reports a first script to this server, with a key when one is needed.</summary>
public sealed class FirstReportTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<FirstReport> Render(AnonymousAccess anonymous, string baseUri, bool admin = true)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("someone");
        if (admin) auth.SetPolicies(Policies.Admin);
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        _ctx.Services.AddSingleton(new SecurityOptions { Anonymous = anonymous });
        _ctx.Services.AddSingleton<NavigationManager>(new ServedAt(baseUri));
        return _ctx.Render<FirstReport>();
    }

    [Fact]
    public void On_this_machine_with_the_default_settings_the_v2_line_needs_no_key()
    {
        var cut = Render(AnonymousAccess.Local, "http://localhost:5000/");

        Assert.Equal(
            "curl -fsS -m 10 --retry 5 --retry-connrefused -o /dev/null -X POST \"http://localhost:5000/api/v2/ping/backup.sh?server=$(hostname)&schedule=daily\"",
            cut.Find(".scripto-command").TextContent);
        Assert.Empty(cut.FindAll(".scripto-key-hint"));
    }

    [Fact]
    public void Reached_by_its_public_name_the_line_carries_a_key_and_a_link_to_make_one()
    {
        var cut = Render(AnonymousAccess.Local, "https://scripto.example.com/");

        var command = cut.Find(".scripto-command").TextContent;
        Assert.Contains("-H \"Authorization: Bearer KEY\"", command);
        Assert.Contains("\"https://scripto.example.com/api/v2/ping/backup.sh?", command);
        Assert.Equal("/keys", cut.Find(".scripto-key-hint a").GetAttribute("href"));
    }

    [Fact]
    public void A_viewer_is_told_to_ask_an_admin_not_sent_to_a_page_they_cannot_open()
    {
        var cut = Render(AnonymousAccess.Local, "https://scripto.example.com/", admin: false);

        Assert.Contains("ask an admin for one", cut.Find(".scripto-key-hint").TextContent);
        Assert.Empty(cut.FindAll(".scripto-key-hint a"));
    }

    [Fact]
    public void With_anonymous_use_turned_off_even_this_machine_needs_a_key()
    {
        var cut = Render(AnonymousAccess.None, "http://127.0.0.1:5000/");

        Assert.Contains("Authorization: Bearer KEY", cut.Find(".scripto-command").TextContent);
    }

    [Fact]
    public void With_anonymous_use_open_to_all_no_key_is_shown()
    {
        var cut = Render(AnonymousAccess.Full, "https://scripto.example.com/");

        Assert.DoesNotContain("Authorization", cut.Find(".scripto-command").TextContent);
        Assert.Empty(cut.FindAll(".scripto-key-hint"));
    }

    private sealed class ServedAt : NavigationManager
    {
        public ServedAt(string baseUri) => Initialize(baseUri, baseUri);
    }
}
