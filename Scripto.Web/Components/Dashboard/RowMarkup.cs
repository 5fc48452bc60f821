using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Web.Formatting;

namespace Scripto.Web.Components.Dashboard;

/// <summary>
/// The dashboard's rows, each as one piece of HTML. A circuit keeps the page's render tree (twice: current and
/// previous) for as long as it is open; a row written with Razor is ~60 frames of 40 bytes, so 50 rows took
/// 4,096-frame arrays on the large object heap. As markup a row is one frame, and Blazor still sends only the rows whose
/// HTML changed. Every text and attribute from a script is encoded here.
/// </summary>
public static class RowMarkup
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>One script on one line: status, name and tags, server, last run, its exit code and duration, schedule, next due.</summary>
    public static MarkupString Row(DashboardRow row, DateTime now, TimeZoneInfo zone, bool changed)
    {
        var html = new StringBuilder(1024);
        html.Append(changed ? "<tr class=\"scripto-changed\">" : "<tr>");
        html.Append("<td><span class=\"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-")
            .Append(StatusColors.Of(row.Status).ToString().ToLowerInvariant())
            .Append(" scripto-status\" data-status=\"").Append(StatusWords.WireName(row.Status))
            .Append("\">").Append(StatusWords.Label(row.Status)).Append("</span></td>");

        var id = row.Id.ToString(CultureInfo.InvariantCulture);
        html.Append("<td class=\"scripto-clip\"><a href=\"scripts/").Append(id).Append("\" class=\"scripto-name\" data-script-id=\"").Append(id)
            .Append("\" title=\"").Append(Html.Encode(row.Name)).Append("\">").Append(Html.Encode(row.Name)).Append("</a>");
        foreach (var tag in row.Tags)
            html.Append("<a href=\"?tag=").Append(Html.Encode(Uri.EscapeDataString(tag))).Append("\" class=\"scripto-tag\" title=\"Only scripts tagged ")
                .Append(Html.Encode(tag)).Append("\">").Append(Html.Encode(tag)).Append("</a>");
        html.Append("</td>");

        html.Append("<td class=\"scripto-clip scripto-server\" title=\"").Append(Html.Encode(row.Server)).Append("\">").Append(Html.Encode(row.Server)).Append("</td>");
        Time(html, row.LastExec, now, zone, "never");
        html.Append("<td class=\"scripto-num scripto-exit-code\">").Append(row.ExitCode?.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        html.Append("<td class=\"scripto-num scripto-duration\">").Append(row.Duration is { } d ? Html.Encode(TimeText.Duration(d)) : null).Append("</td>");
        html.Append("<td class=\"scripto-clip scripto-schedule\">").Append(Html.Encode(row.Schedule)).Append("</td>");
        Time(html, row.NextDue, now, zone, "—");
        return new MarkupString(html.Append("</tr>").ToString());
    }

    /// <summary>The heading of a server's rows when the table is grouped by server: a link to the server alone.</summary>
    public static MarkupString ServerHeading(string server) => new(
        $"<tr class=\"scripto-group-row\" data-group=\"{Html.Encode(server)}\"><th colspan=\"8\" scope=\"rowgroup\">" +
        $"<a href=\"?server={Html.Encode(Uri.EscapeDataString(server))}\">{(server.Length == 0 ? "(no server)" : Html.Encode(server))}</a></th></tr>");

    /// <summary>
    /// A time's cell, as Cells.Time shows it (relative, then by the calendar in the viewer's zone, the exact UTC in a
    /// native tooltip) in as few boxes as that takes: the relative time is the cell's own text, the calendar one span.
    /// </summary>
    private static void Time(StringBuilder html, DateTime? at, DateTime now, TimeZoneInfo zone, string missing)
    {
        if (at is not { } t)
        {
            html.Append("<td class=\"mud-text-secondary\">").Append(missing).Append("</td>");
            return;
        }
        html.Append("<td class=\"scripto-when\" title=\"").Append(TimeText.Utc(t)).Append("\">").Append(Html.Encode(TimeText.Relative(t, now)))
            .Append("<span class=\"scripto-calendar mud-text-secondary\">").Append(Html.Encode(TimeText.Calendar(t, now, zone))).Append("</span></td>");
    }
}
