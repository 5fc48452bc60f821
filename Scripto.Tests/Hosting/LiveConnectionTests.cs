using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Hosting;

/// <summary>
/// The socket of a live page (Blazor's circuit). Its messages are compressed, but the server starts each message's
/// compression afresh: a compressor kept between messages holds zlib's state (256 KB for a 32 KB window) in native
/// memory for as long as the page is open (bench/dashboard.sh's memory figure).
/// </summary>
public sealed class LiveConnectionTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new(TempDatabase.NewPath(), kestrel: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_live_page_socket_is_compressed_without_the_server_keeping_its_compressor_between_messages()
    {
        using var http = new HttpClient { BaseAddress = _app.ServerAddress };
        var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions(); // what a browser offers
        var uri = new UriBuilder(_app.ServerAddress) { Scheme = "ws", Path = "/_blazor", Query = $"id={token}" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);

        var extensions = string.Join(", ", socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"]);
        Assert.Contains("permessage-deflate", extensions);
        Assert.Contains("server_no_context_takeover", extensions);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
