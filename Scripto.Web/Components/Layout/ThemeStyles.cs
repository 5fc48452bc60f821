using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Scripto.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme as static CSS for the page's head: what MudThemeProvider renders (the palette's variables, the
/// scrollbar), light, then dark under <c>prefers-color-scheme: dark</c>, so the browser follows the system's preference
/// as MainLayout does with JavaScript. Rendered once with MudThemeProvider itself, so it is MudBlazor's own CSS for this
/// version; the dashboard's layout then needs no theme provider in its circuit.
/// </summary>
public sealed class ThemeStyles(IServiceScopeFactory scopes, ILoggerFactory logs)
{
    private string? _css; // a reference, so requests that race on the first render each see all of it or nothing

    public async Task<MarkupString> GetAsync()
    {
        if (_css is null)
        {
            var light = await RenderAsync(dark: false);
            var dark = (await RenderAsync(dark: true)).Replace("<style", "<style media=\"(prefers-color-scheme: dark)\"", StringComparison.Ordinal);
            _css = light + dark;
        }
        return new MarkupString(_css);
    }

    private async Task<string> RenderAsync(bool dark)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.IsDarkMode)] = dark });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
    }
}
