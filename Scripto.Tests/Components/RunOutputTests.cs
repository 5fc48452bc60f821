using Bunit;
using MudBlazor.Services;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>A run's whole output: monospace, colours rendered, wrap on or off, one click to copy the plain text.</summary>
public sealed class RunOutputTests : IAsyncLifetime
{
    private const string Output = "backup started\n\u001b[31mERROR\u001b[0m disk full: " + "x" + "\n";
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<RunOutput> Render() => _ctx.Render<RunOutput>(p => p.Add(c => c.Output, Output));

    [Fact]
    public void Colour_codes_are_rendered_as_colours_not_shown_as_escapes()
    {
        var pre = Render().Find("pre.scripto-run-output");

        Assert.Equal("ERROR", pre.QuerySelector("span.ansi-fg-1")!.TextContent);
        Assert.Equal("backup started\nERROR disk full: x\n", pre.TextContent);
    }

    [Fact]
    public void Lines_wrap_by_default_and_the_toggle_lets_them_run_long()
    {
        var cut = Render();
        Assert.Contains("scripto-wrapped", cut.Find("pre").ClassList);

        cut.Find(".scripto-wrap input").Change(false);

        Assert.DoesNotContain("scripto-wrapped", cut.Find("pre").ClassList);
    }

    [Fact]
    public void Copy_puts_the_plain_text_on_the_clipboard()
    {
        var cut = Render();

        cut.Find(".scripto-copy").Click();

        Assert.Equal("backup started\nERROR disk full: x\n", _ctx.JSInterop.VerifyInvoke("scripto.copy").Arguments[0]);
        Assert.Equal("Copied", cut.Find(".scripto-copy").TextContent.Trim());
    }
}
