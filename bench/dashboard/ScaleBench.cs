using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Scripto.Bench.Dashboard;

/// <summary>
/// The dashboard on a large database, as the browser sees it: the first render (navigation start to the first data
/// row on screen with the live connection up) and a re-sort (a click on a column header to the first rows changing).
/// </summary>
public static class ScaleBench
{
    /// <summary>
    /// One first render (ms since navigation start): the first data row in the DOM, the first paint after it (the rows
    /// as a person first sees them, prerendered: the end of the task after the frame's requestAnimationFrame, so the
    /// frame is drawn, give or take its trip to the screen), the browser's first contentful paint, the live marker, and
    /// the page live with its rows (the target's figure).
    /// </summary>
    public sealed record Render(double RowMs, double RowPaintedMs, double FirstContentfulPaintMs, double LiveMs, double BothMs, RenderParts Parts);

    /// <summary>
    /// One first render split at the browser's own stamps (ms): the HTML's first byte (the server's prerender), its last,
    /// DOMContentLoaded (the scripts written in the page fetched and run; scripts a page inserts itself, as Scripto's do
    /// since the sixth pass, run after it, in the next part), blazor.web.js asking for a circuit (`_blazor/negotiate`),
    /// the circuit's WebSocket open, and the first message the server sent on it after the SignalR handshake (the
    /// circuit started and rendering), to the page live with its rows.
    /// </summary>
    public sealed record RenderParts(double Request, double FirstByte, double LastByte, double DomContentLoaded,
        double NegotiateStart, double NegotiateEnd, double SocketOpen, double FirstRender, double Both)
    {
        public static readonly string[] Names =
            ["prerender (request -> first byte)", "HTML transfer", "last byte -> DOMContentLoaded", "DOMContentLoaded -> negotiate (Blazor start)",
             "negotiate", "WebSocket open", "circuit start (-> first render batch)", "first batch -> live with rows"];

        public double[] Durations =>
            [FirstByte - Request, LastByte - FirstByte, DomContentLoaded - LastByte, NegotiateStart - DomContentLoaded,
             NegotiateEnd - NegotiateStart, SocketOpen - NegotiateEnd, FirstRender - SocketOpen, Both - FirstRender];
    }

    public sealed record Sort(string Column, double Ms, string FirstBefore, string FirstAfter);

    public sealed record Result(int Scripts, double SeedSeconds, List<Render> Renders, List<Sort> Sorts, int SortsMissed);

    /// <summary>Stamps, in ms since navigation start, when a data row, the live marker, and both were first in the DOM.</summary>
    private const string RenderProbe = """
        (() => {
          const t = { row: null, rowPainted: null, live: null, both: null, socketOpen: null, messages: [] };
          window.__render = t;
          // The circuit's WebSocket: when it opened and when each message arrived (the first is the SignalR handshake's
          // answer; the next ones are the circuit's JS calls and render batches).
          const Socket = window.WebSocket;
          window.WebSocket = class extends Socket {
            constructor(...args) {
              super(...args);
              this.addEventListener('open', () => { t.socketOpen = performance.now(); });
              this.addEventListener('message', () => { if (t.both === null) t.messages.push(performance.now()); });
            }
          };
          const check = () => {
            const now = performance.now();
            const row = document.querySelector('tbody .scripto-name');
            const live = document.querySelector('[data-live]');
            if (row && t.row === null) {
              t.row = now;
              requestAnimationFrame(() => {
                const after = new MessageChannel();
                after.port1.onmessage = () => { t.rowPainted = performance.now(); done(); };
                after.port2.postMessage(null);
              });
            }
            if (live && t.live === null) t.live = now;
            if (row && live && t.both === null) { t.both = now; observer.disconnect(); done(); }
          };
          // Tells the bench over the console (DevTools' Runtime events): waiting with Playwright's WaitForFunction
          // evaluated its injected script (~0.5 MB of JavaScript: 30-170 ms of this page's main thread) in the middle
          // of the circuit's start, inside the figure it measured.
          const done = () => { if (t.both !== null && t.rowPainted !== null && !t.told) { t.told = true; console.debug('scripto:rendered'); } };
          const observer = new MutationObserver(check);
          observer.observe(document, { subtree: true, childList: true });
          document.addEventListener('DOMContentLoaded', check);
        })();
        """;

    /// <summary>The stamps of a Render, in its order.</summary>
    private const string Stamps = """
        () => [window.__render.row, window.__render.rowPainted,
               performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, window.__render.live, window.__render.both]
        """;

    /// <summary>The stamps RenderParts splits a first render at, from the page's navigation and resource timing and the probe.</summary>
    private const string Parts = """
        () => {
          const t = window.__render;
          const nav = performance.getEntriesByType('navigation')[0];
          const negotiate = performance.getEntriesByType('resource').find(r => r.name.includes('_blazor/negotiate'));
          // The first message after the handshake's answer: the circuit has started and sends its first work.
          const first = t.messages.length > 1 ? t.messages[1] : NaN;
          return [nav.requestStart, nav.responseStart, nav.responseEnd, nav.domContentLoadedEventStart,
                  negotiate ? negotiate.startTime : NaN, negotiate ? negotiate.responseEnd : NaN, t.socketOpen ?? NaN, first];
        }
        """;

    /// <summary>Watches the grid's names; the first mutation after the click that shows a different, non-empty list wins.</summary>
    private const string SortProbe = """
        () => {
          const names = () => Array.from(document.querySelectorAll('tbody .scripto-name')).map(e => e.textContent).join('\n');
          const s = { names, before: names(), t0: null, changedAt: null, first: null };
          window.__sort = s;
          new MutationObserver(() => {
            if (s.t0 === null || s.changedAt !== null) return;
            const now = names();
            if (now !== '' && now !== s.before) {
              s.changedAt = performance.now();
              s.first = document.querySelector('tbody .scripto-name').textContent;
            }
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    /// <summary>Clicks the sortable header of the column titled <c>title</c>, stamping the click in the page.</summary>
    private const string ClickHeader = """
        (title) => {
          const s = window.__sort;
          const th = Array.from(document.querySelectorAll('thead th')).find(th => th.textContent.trim() === title)
                  ?? Array.from(document.querySelectorAll('thead th')).find(th => th.textContent.includes(title));
          if (!th) return null;
          const target = th.querySelector('.scripto-sort') ?? th;
          s.before = s.names();
          s.changedAt = null;
          s.first = null;
          const first = document.querySelector('tbody .scripto-name');
          s.t0 = performance.now();
          target.click();
          return first ? first.textContent : '';
        }
        """;

    public static async Task<Result> RunAsync(IBrowser browser, Options options, CancellationToken cancellationToken)
    {
        var (total, seedSeconds) = Seed(options.DatabasePath, options.ScaleScripts);
        Console.WriteLine($"   database now holds {total} scripts (inserted in one transaction in {seedSeconds:0.0} s)");

        await using var context = await browser.NewContextAsync(Chromium.Desktop);
        await context.AddInitScriptAsync(RenderProbe);

        // First render: a fresh page per navigation (its own circuit); one unmeasured warm-up navigation first.
        var renders = new List<Render>();
        for (var i = 0; i <= options.RenderRepeats; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await context.NewPageAsync();
            // Diagnostic: Chromium's own timeline of the last render (open it in chrome://tracing or Perfetto).
            var trace = i == options.RenderRepeats ? Environment.GetEnvironmentVariable("SCALE_TRACE") : null;
            var tracing = string.IsNullOrEmpty(trace) ? null : await Trace.StartAsync(context, page);
            try
            {
                var rendered = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text == "scripto:rendered", Timeout = 30_000 });
                await page.GotoAsync(options.BaseUri.ToString(), new() { Timeout = 30_000 });
                await rendered;
                if (tracing is not null) await tracing.StopAsync(trace!);
                var t = await page.EvaluateAsync<double[]>(Stamps);
                var p = await page.EvaluateAsync<double[]>(Parts);
                var render = new Render(t[0], t[1], t[2], t[3], t[4], new RenderParts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], t[4]));
                Console.WriteLine($"   first render{(i == 0 ? " (warm-up, not counted)" : "")}: row {Stats.Ms(render.RowMs)} ms, row painted {Stats.Ms(render.RowPaintedMs)} ms, " +
                                  $"first contentful paint {Stats.Ms(render.FirstContentfulPaintMs)} ms, live {Stats.Ms(render.LiveMs)} ms, both {Stats.Ms(render.BothMs)} ms; " +
                                  string.Join(", ", RenderParts.Names.Zip(render.Parts.Durations, (n, d) => $"{n} {Stats.Ms(d)}")));
                if (i > 0) renders.Add(render);
            }
            finally
            {
                await page.CloseAsync();
            }
            await Task.Delay(500, cancellationToken);
        }

        // Re-sort: one page, a click on each column's header in turn (each click sorts that column ascending).
        var sorts = new List<Sort>();
        var missed = 0;
        var sortPage = await context.NewPageAsync();
        await sortPage.GotoAsync(options.BaseUri.ToString(), new() { Timeout = 30_000 });
        await Chromium.WaitForLiveAsync(sortPage, 30_000);
        await sortPage.Locator("tbody .scripto-name").First.WaitForAsync(new() { Timeout = 30_000 });
        await Task.Delay(1000, cancellationToken);
        await sortPage.EvaluateAsync(SortProbe);
        foreach (var column in new[] { "Name", "Server", "Last run", "Schedule", "Next due", "Status" })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = await sortPage.EvaluateAsync<string?>(ClickHeader, column)
                ?? throw new InvalidOperationException($"no column header titled '{column}'");
            try
            {
                await sortPage.WaitForFunctionAsync("() => window.__sort.changedAt !== null", null,
                    new() { Timeout = 10_000, PollingInterval = 10 });
                var ms = await sortPage.EvaluateAsync<double>("() => window.__sort.changedAt - window.__sort.t0");
                var after = await sortPage.EvaluateAsync<string>("() => window.__sort.first");
                sorts.Add(new Sort(column, ms, before, after));
                Console.WriteLine($"   sort by {column}: {Stats.Ms(ms)} ms (first row '{before}' -> '{after}')");
            }
            catch (TimeoutException)
            {
                missed++;
                Console.WriteLine($"   sort by {column}: the rows did not change within 10 s");
            }
            await Task.Delay(1000, cancellationToken);
        }
        await sortPage.CloseAsync();

        return new Result(total, seedSeconds, renders, sorts, missed);
    }

    private static readonly string[] Verbs =
    [
        "backup", "rotate", "sync", "cleanup", "report", "import", "export", "vacuum", "reindex", "renew", "check", "purge",
        "archive", "deploy", "scan", "mirror", "compress", "notify", "billing", "metrics",
    ];

    private static readonly string[] Things =
    [
        "db", "logs", "certs", "home", "mail", "cache", "invoices", "users", "photos", "orders", "sessions", "tmp", "s3",
        "ldap", "dns", "repo", "wiki", "queue", "search", "stats",
    ];

    private static readonly string[] Roles = ["web", "db", "app", "cache", "batch", "mail", "nas", "proxy"];

    /// <summary>
    /// Tops the database up to <paramref name="target"/> scripts, straight into SQLite in one transaction (the app
    /// keeps running; WAL lets it read meanwhile). Mixed statuses, schedules and times, seeded so runs compare.
    /// </summary>
    private static (int Total, double Seconds) Seed(string databasePath, int target)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }

        int Count()
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM scripts";
            return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var existing = Count();
        var random = new Random(20261124);
        var now = DateTime.UtcNow;
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // The app's columns: v1's periodicity is a period schedule; due, soon and down times are set as
            // Script.Recompute sets them (default grace: a tenth of the period, 1 min to 1 h).
            insert.CommandText = """
                INSERT INTO scripts (name, server, created_at, schedule_kind, period_seconds, paused, health, status, last_exec, due_at, soon_at, down_at)
                VALUES ($name, $server, $created, $kind, $period, 0, $health, $status, $last, $due, $soon, $down)
                """;
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var server = insert.Parameters.Add("$server", SqliteType.Text);
            var status = insert.Parameters.Add("$status", SqliteType.Integer);
            var last = insert.Parameters.Add("$last", SqliteType.Text);
            var period = insert.Parameters.Add("$period", SqliteType.Integer);
            var created = insert.Parameters.Add("$created", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var health = insert.Parameters.Add("$health", SqliteType.Text);
            var due = insert.Parameters.Add("$due", SqliteType.Text);
            var soon = insert.Parameters.Add("$soon", SqliteType.Text);
            var down = insert.Parameters.Add("$down", SqliteType.Text);
            insert.Prepare();
            for (var n = existing; n < target; n++)
            {
                name.Value = $"{Verbs[random.Next(Verbs.Length)]}-{Things[random.Next(Things.Length)]}-{n:D6}.sh";
                server.Value = $"{Roles[random.Next(Roles.Length)]}-{random.Next(1, 300):D3}";
                var (hours, periodicity) = random.Next(100) switch
                {
                    < 10 => (0, null),
                    < 40 => (1, "Hourly"),
                    < 80 => (24, "Daily"),
                    < 95 => (168, "Weekly"),
                    _ => (730, (string?)"Monthly"),
                };
                static string Text(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var periodLength = TimeSpan.FromHours(hours);
                period.Value = periodicity is null ? DBNull.Value : (long)periodLength.TotalSeconds;
                kind.Value = periodicity is null ? "None" : "Period";
                created.Value = Text(now.AddDays(-60));
                due.Value = soon.Value = down.Value = DBNull.Value;
                var roll = random.Next(100);
                if (roll < 5)
                {
                    status.Value = DBNull.Value; // never reported: no status, no run
                    last.Value = DBNull.Value;
                    health.Value = "New";
                }
                else
                {
                    status.Value = roll < 15 ? 0 : 1;
                    health.Value = roll < 15 ? "Failed" : "Up";
                    // Mostly on time, some soon, some late (up to 1.5 periods ago; up to 30 days without a schedule).
                    var window = TimeSpan.FromHours(hours == 0 ? 720 : hours * 1.5);
                    var at = now - window * random.NextDouble();
                    last.Value = Text(at);
                    if (periodicity is not null)
                    {
                        var dueAt = at + periodLength;
                        var soonWindow = hours switch { 1 => TimeSpan.FromMinutes(10), 24 => TimeSpan.FromHours(1), _ => TimeSpan.FromHours(18) };
                        var grace = TimeSpan.FromTicks(Math.Clamp(periodLength.Ticks / 10, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour));
                        due.Value = Text(dueAt);
                        soon.Value = Text(dueAt - soonWindow);
                        down.Value = Text(dueAt + grace);
                    }
                }
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return (Count(), watch.Elapsed.TotalSeconds);
    }
}
