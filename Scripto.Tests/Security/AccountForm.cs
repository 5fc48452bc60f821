using System.Net;
using System.Text.RegularExpressions;
using Scripto.Tests.Shared;

namespace Scripto.Tests.Security;

/// <summary>
/// The sign-in and setup forms posted as a browser would: the page fetched for its antiforgery token and cookie,
/// then the form sent with them, redirects not followed. No cookie is kept between posts, so posts sent at once
/// do not pick up a sign-in one of them made.
/// </summary>
public static partial class AccountForm
{
    /// <summary>A client from <paramref name="address"/> (another machine), or from this machine when null.</summary>
    public static HttpClient Client(ScriptoFactory app, string? address = null) =>
        address is null
            ? new HttpClient(app.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") }
            : app.CreateRemoteClient(address);

    public static async Task<(string Token, string Cookie)> OpenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        page.EnsureSuccessStatusCode();
        var token = WebUtility.HtmlDecode(Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (token, cookie);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string form, (string Token, string Cookie) opened,
        params (string Field, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["_handler"] = form, ["__RequestVerificationToken"] = opened.Token };
        foreach (var (field, value) in fields) values[field] = value;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Add("Cookie", opened.Cookie);
        return client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        await PostAsync(client, "/login", "login", await OpenAsync(client, "/login"), ("Input.User", user), ("Input.Password", password));

    /// <summary>The error the form shows (role="alert"), or null.</summary>
    public static async Task<string?> ErrorAsync(HttpResponseMessage answer) =>
        Alert().Match(await answer.Content.ReadAsStringAsync()) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
    private static partial Regex Alert();
}
