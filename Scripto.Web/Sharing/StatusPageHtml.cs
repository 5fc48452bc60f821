using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Sharing;
using Scripto.Core.Uptime;
using Scripto.Web.Formatting;

namespace Scripto.Web.Sharing;

/// <summary>
/// A public status page as one plain HTML document: no script, no Blazor, no font or image fetched, so a viewer costs
/// one GET every 30 s (the meta refresh) and nothing in between. Names only the chosen tags and servers and the
/// scripts within them (never a script's server).
/// </summary>
public static class StatusPageHtml
{
    public const int RefreshSeconds = 30;

    public static string Render(StatusPage page, IReadOnlyList<TargetReading> readings, DateTime now)
    {
        var html = new StringBuilder(16 * 1024);
        string E(string text) => HtmlEncoder.Default.Encode(text);
        var worst = readings.Count == 0 ? ScriptStatus.NeverReported : readings.Min(r => r.Status);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="{RefreshSeconds}">
            <title>{E(page.Title)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <main>
            <h1>{E(page.Title)}</h1>
            <p class="overall" style="border-color:{StatusHex.Of(worst)}">{E(Overall(readings))}</p>

            """);
        foreach (var reading in readings)
        {
            var name = reading.Name.Length == 0 ? "(no server)" : reading.Name;
            var quarter = reading.Uptime(UptimeWindows.Longest);
            html.Append($"""
                <section class="target" data-kind="{reading.Target.Kind.ToString().ToLowerInvariant()}">
                <header><h2>{E(name)}</h2><span class="kind">{reading.Target.Kind.ToString().ToLowerInvariant()}</span>
                {State(reading.Status)}<span class="uptime">{E(quarter.Percent())} uptime, 90 days</span></header>
                <div class="bars" role="img" aria-label="Uptime per day over 90 days">
                """);
            foreach (var (day, tally) in reading.Days())
                html.Append($"""<span class="bar" style="background:{BarColour(tally)}" title="{day:yyyy-MM-dd}: {E(tally.Percent())}"></span>""");
            html.Append("""
                </div>
                <div class="axis"><span>90 days ago</span><span>today (UTC days)</span></div>
                <ul class="scripts">
                """);
            foreach (var script in reading.Scripts)
                html.Append($"""<li><span class="name">{E(script.Name)}</span>{State(script.Status)}</li>""");
            html.Append("</ul>\n</section>\n");
        }
        html.Append($"""
            <footer>Updated {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · refreshes every {RefreshSeconds} s</footer>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string State(ScriptStatus status) =>
        $"""<span class="state" data-status="{StatusWords.WireName(status)}" style="background:{StatusHex.Of(status)}">{HtmlEncoder.Default.Encode(StatusWords.Label(status))}</span>""";

    private static string Overall(IReadOnlyList<TargetReading> readings)
    {
        var failing = readings.Count(r => r.Status is ScriptStatus.Failed or ScriptStatus.Down);
        return failing == 0 ? "All systems operational" : $"{failing} of {readings.Count} failing";
    }

    /// <summary>A day's bar: grey with nothing watched, the OK colour when up throughout, Late's above 99 %, else Down's.</summary>
    internal static string BarColour(Tally tally) => tally.Ratio switch
    {
        null => "#d8d8d8",
        >= 1 => StatusHex.Of(ScriptStatus.Ok),
        >= 0.99 => StatusHex.Of(ScriptStatus.Late),
        _ => StatusHex.Of(ScriptStatus.Down),
    };

    private const string Css = """
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#f6f7f9}
        main{max-width:860px;margin:0 auto;padding:24px 16px}
        h1{font-size:26px;margin:0 0 16px}
        .overall{background:#fff;border-left:6px solid;padding:12px 16px;font-weight:600;border-radius:4px}
        .target{background:#fff;border-radius:6px;padding:14px 16px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:10px}
        h2{font-size:18px;margin:0}
        .kind{color:#777;font-size:13px}
        .uptime{margin-left:auto;color:#555;font-size:14px}
        .state{color:#fff;border-radius:10px;padding:0 9px;font-size:13px;font-weight:600}
        .bars{display:flex;gap:2px;height:34px;margin:12px 0 4px}
        .bar{flex:1;border-radius:2px}
        .axis{display:flex;justify-content:space-between;color:#888;font-size:12px}
        .scripts{list-style:none;margin:10px 0 0;padding:0;columns:2 260px}
        .scripts li{display:flex;gap:8px;align-items:center;padding:2px 0}
        .scripts .name{overflow-wrap:anywhere}
        footer{color:#888;font-size:13px;margin-top:20px}
        @media (prefers-color-scheme:dark){body{background:#15171a;color:#e4e4e4}.target,.overall{background:#202327}.kind,.axis,footer{color:#999}.uptime{color:#bbb}}
        """;
}
