using Scripto.Core.Sharing;

namespace Scripto.Tests.Sharing;

/// <summary>What an admin types for a status page's servers: a list, never a list taken as one name.</summary>
public sealed class StatusPageInputTests
{
    [Fact]
    public void A_form_list_splits_on_commas_semicolons_and_lines()
    {
        Assert.Equal(["web-1", "app-2", "db-1", "mx-1"], StatusPageInput.ListOf(" web-1, app-2\r\ndb-1;mx-1\n\n"));
    }

    [Theory]
    [InlineData("web-1, app-2", "give each server on its own")]
    [InlineData("web\u200B-1", "invisible")]
    public void A_server_that_cannot_be_a_server_name_is_refused_naming_it(string server, string says)
    {
        var (page, errors) = new StatusPageInput("ops", "Ops", [], [server]).Check();

        Assert.Null(page);
        var error = Assert.Single(errors);
        Assert.Equal("servers", error.Field);
        Assert.Contains(says, error.Message);
    }
}
