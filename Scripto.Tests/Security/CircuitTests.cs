using System.Net;
using System.Net.WebSockets;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>A live connection (a Blazor circuit) holds memory while open: only for those who may read, and few per address.</summary>
public sealed class CircuitTests
{
    [Fact]
    public async Task A_visitor_who_may_see_nothing_gets_no_live_connection()
    {
        await using var app = new ScriptoFactory();

        var negotiate = await app.CreateRemoteClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task One_address_holds_at_most_the_configured_number_of_live_connections()
    {
        await using var app = new ScriptoFactory(TempDatabase.NewPath(), kestrel: true) { Settings = { ["Limits:CircuitsPerAddress"] = "3" } };
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++)
                sockets.Add(await ConnectAsync(app.ServerAddress, http));

            var refused = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(app.ServerAddress, http));
            Assert.Contains("429", refused.Message);

            sockets[0].Abort();
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    sockets.Add(await ConnectAsync(app.ServerAddress, http));
                    return true;
                }
                catch (WebSocketException)
                {
                    return false; // the server has not seen the first one close yet
                }
            }, "a connection is allowed again once one closed");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>What blazor.web.js does: negotiate, then open the WebSocket with the token (and leave it open).</summary>
    private static async Task<ClientWebSocket> ConnectAsync(Uri server, HttpClient http)
    {
        var negotiate = await (await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).JsonAsync();
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{server.Authority}/_blazor?id={(string?)negotiate["connectionToken"]}"), CancellationToken.None);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
