using Bunit;
using MudBlazor.Services;
using Scripto.Core.Scripts;
using Scripto.Web.Components.ScriptDetail;

namespace Scripto.Tests.Components;

/// <summary>The script page's tags: shown as one line, saved parsed, a bad one named and not saved.</summary>
public sealed class TagsEditorTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly List<IReadOnlyList<string>> _saved = [];

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<TagsEditor> Render(bool readOnly = false) => _ctx.Render<TagsEditor>(p => p
        .Add(c => c.Script, new Script { Name = "backup.sh", Tags = "db,nightly" })
        .Add(c => c.ReadOnly, readOnly)
        .Add(c => c.OnSave, tags => _saved.Add(tags)));

    [Fact]
    public void The_stored_tags_show_and_a_new_line_is_saved_parsed()
    {
        var cut = Render();
        Assert.Equal("db, nightly", cut.Find(".scripto-tags-input input").GetAttribute("value"));

        cut.Find(".scripto-tags-input input").Change("Weekly, db");
        cut.Find(".scripto-save-tags").Click();

        Assert.Equal(["db", "weekly"], Assert.Single(_saved));
    }

    [Fact]
    public void A_bad_tag_is_named_and_nothing_is_saved()
    {
        var cut = Render();

        cut.Find(".scripto-tags-input input").Change("db, two words");
        cut.Find(".scripto-save-tags").Click();

        Assert.Contains("'two words' is not a tag", cut.Find(".scripto-error").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void A_viewer_sees_the_tags_without_a_save_button()
    {
        var cut = Render(readOnly: true);

        Assert.Empty(cut.FindAll(".scripto-save-tags"));
    }
}
