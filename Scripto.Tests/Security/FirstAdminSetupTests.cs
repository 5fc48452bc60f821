using System.Net;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>The setup page makes one first admin, however many posts arrive together.</summary>
public sealed class FirstAdminSetupTests : IAsyncLifetime
{
    private readonly ScriptoFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Of_many_setup_posts_at_once_only_the_first_creates_an_admin()
    {
        var client = AccountForm.Client(_app);
        var opened = await AccountForm.OpenAsync(client, "/setup");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            AccountForm.PostAsync(client, "/setup", "setup", opened, ("Input.User", $"admin-{i}"), ("Input.Password", "tram-velvet-92-orbit"))));

        Assert.Equal(1L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM AspNetUsers"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect),
            a => Assert.Equal(HttpStatusCode.OK, a.StatusCode)); // the others see "Scripto is set up"
    }

    [Fact]
    public async Task A_setup_page_posted_after_the_admin_exists_says_scripto_is_set_up_and_creates_no_one()
    {
        var client = AccountForm.Client(_app);
        var first = await AccountForm.OpenAsync(client, "/setup");
        var second = await AccountForm.OpenAsync(client, "/setup"); // another tab, opened before the admin existed

        var created = await AccountForm.PostAsync(client, "/setup", "setup", first, ("Input.User", "admin"), ("Input.Password", "tram-velvet-92-orbit"));
        var late = await AccountForm.PostAsync(client, "/setup", "setup", second, ("Input.User", "intruder"), ("Input.Password", "tram-velvet-92-orbit"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Scripto is set up", await late.Content.ReadAsStringAsync());
        Assert.Equal(1L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM AspNetUsers WHERE UserName = 'admin'"));
        Assert.Equal(1L, DatabaseContents.Scalar(_app.ConnectionString, "SELECT count(*) FROM AspNetUsers"));
    }
}
