using System.Net;

namespace Scripto.Tests.Security;

/// <summary>An operator sees each refused request in one line: what was asked, where from, and why it was refused.</summary>
public sealed class RefusalLogTests : SecuredApp
{
    [Fact]
    public async Task A_request_without_a_key_is_logged_with_its_method_path_and_address()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Remote(null).GetAsync("/api/v1/script")).StatusCode);

        var line = Assert.Single(App.Logs.Entries, e => e.Message.StartsWith("Refused GET"));
        Assert.Equal("Refused GET /api/v1/script from 203.0.113.7: 401 no valid API key", line.Message);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_logged_with_its_method_path_and_address()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Remote(ReadKey).DeleteAsync($"/api/v1/script/{ScriptId}")).StatusCode);

        var line = Assert.Single(App.Logs.Entries, e => e.Message.StartsWith("Refused DELETE"));
        Assert.Equal($"Refused DELETE /api/v1/script/{ScriptId} from 203.0.113.7: 403 not allowed for this key or user", line.Message);
    }
}
