using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Web.Security;

namespace Scripto.Web.Api.V2;

/// <summary>
/// v2: report by name, nothing to remember. The first report creates the script (and may carry its schedule);
/// a one-line curl in a crontab is enough:
/// <c>curl -fsS -m 10 --retry 3 -X POST "http://scripto:5000/api/v2/ping/backup?server=$(hostname)&amp;schedule=daily"</c>.
/// The body, if any, is the run's output (its last 10 KiB are kept).
/// </summary>
[ApiController]
[Route("api/v2/ping/{name}")]
[Authorize(Policy = Policies.Report)]
[Tags("v2: report by name")]
[ProducesResponseType<V2Script>(StatusCodes.Status200OK, "application/json")]
[ProducesResponseType<V2Script>(StatusCodes.Status201Created, "application/json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
public sealed class PingController(ScriptWriter writer, TimeProvider clock) : ControllerBase
{
    // Bodies are outputs: accept a generous one and keep its tail, rather than lose the report.
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The run succeeded.</summary>
    [HttpPost]
    [RequestSizeLimit(MaxBodyBytes)]
    public Task<IActionResult> Success(string name, CancellationToken cancellationToken) => ReportAsync(name, Signal.Success, null, cancellationToken);

    /// <summary>A run started: the next report gives its duration; a run that never ends goes down after its grace.</summary>
    [HttpPost("start")]
    [RequestSizeLimit(MaxBodyBytes)]
    public Task<IActionResult> Start(string name, CancellationToken cancellationToken) => ReportAsync(name, Signal.Start, null, cancellationToken);

    /// <summary>The run failed.</summary>
    [HttpPost("fail")]
    [RequestSizeLimit(MaxBodyBytes)]
    public Task<IActionResult> Fail(string name, CancellationToken cancellationToken) => ReportAsync(name, Signal.Failure, null, cancellationToken);

    // The exit code is read here rather than by a route constraint, so that "/backup/99999999999" is told what an
    // exit code is. What is not a number at all ("/jobs/report.py") is most often a name whose '/' was not encoded:
    // 404, saying where the name goes.
    /// <summary>The run ended with this exit code: 0 is success, 1-255 failure.</summary>
    [HttpPost("{exitCode}")]
    [RequestSizeLimit(MaxBodyBytes)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<IActionResult> Exit(string name, string exitCode, CancellationToken cancellationToken)
    {
        if (int.TryParse(exitCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255)
            return ReportAsync(name, code == 0 ? Signal.Success : Signal.Failure, code, cancellationToken);
        if (LooksLikeANumber(exitCode))
            return Task.FromResult<IActionResult>(this.Refuse(400, "Invalid exit code",
                "The exit code must be a whole number from 0 to 255 (or the signal start or fail).", "exit_code"));
        return Task.FromResult<IActionResult>(this.Refuse(404, "No such ping",
            $"After the name comes only start, fail or an exit code 0-255, not '{exitCode}'. If '{name}/{exitCode}' is the name, "
            + $"send its '/' as %2F: /api/v2/ping/{Uri.EscapeDataString($"{name}/{exitCode}")}.", "name"));
    }

    private static bool LooksLikeANumber(string text) => text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);

    /// <summary>A ping without -X POST (a plain curl is a GET): say how, rather than a bare 404.</summary>
    [ApiExplorerSettings(IgnoreApi = true)]
    [AllowAnonymous] // it only says how to send a ping
    [HttpGet, HttpHead]
    [HttpGet("{signal}"), HttpHead("{signal}")]
    public IActionResult NotAPost()
    {
        Response.Headers.Allow = "POST";
        return this.Refuse(405, "Pings are POST", "Send the ping with POST, such as curl -fsS -X POST \"http://scripto:5000/api/v2/ping/backup.sh?server=$(hostname)\".");
    }

    private async Task<IActionResult> ReportAsync(string name, Signal signal, int? exitCode, CancellationToken cancellationToken)
    {
        if (RawTarget.Malformed(HttpContext) is { } part)
            return this.Refuse(400, "Invalid ping", $"'{part}' is not well-formed: send it as percent-encoded UTF-8, with '%' itself as %25.", part);
        var (query, errors) = PingQuery.Read(Request.Query);
        if (query is null) return this.Invalid(errors, "Invalid ping");
        var (output, refusal) = await ReadOutputAsync(cancellationToken);
        if (refusal is not null) return refusal;

        var report = new ScriptReport(signal, exitCode, output, query.Duration, this.RemoteAddress());
        // Routing decodes the name but leaves %2F as it came; decoding that again would also turn %252F into "/".
        // The name as sent, decoded once, is what the client meant.
        var result = await writer.ReportAsync(RawTarget.Name(HttpContext) ?? name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase), query.Server, report, query.Schedule, query.Thresholds, User.Limits(), query.Tags, query.Runtime, query.Heartbeat);
        if (result.Outcome == WriteOutcome.Invalid) return this.Invalid(result.Errors!, "Invalid ping");
        if (result.Outcome == WriteOutcome.LimitReached) return this.ScriptLimitReached();
        if (result.Outcome == WriteOutcome.Forbidden) return this.OutsideKeyLimits(result.Errors![0]);
        var body = V2Script.From(result.Script!, clock.GetUtcNow().UtcDateTime, $"{Request.Scheme}://{Request.Host}{Request.PathBase}");
        return result.Outcome == WriteOutcome.Created ? Created(body.Url, body) : Ok(body);
    }

    /// <summary>The output as text; an empty body is no output.</summary>
    private async Task<(string?, IActionResult?)> ReadOutputAsync(CancellationToken cancellationToken)
    {
        if (Request.ContentLength > MaxBodyBytes)
            return (null, this.Refuse(413, "Body too large", $"The output must be at most {MaxBodyBytes / 1024} KiB; send its tail."));
        using var buffer = new MemoryStream();
        try
        {
            await Request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, this.Refuse(413, "Body too large", $"The output must be at most {MaxBodyBytes / 1024} KiB; send its tail."));
        }
        if (buffer.Length == 0) return (null, null);
        // Output is whatever the command printed: decode leniently, never refuse a report for a stray byte.
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }
}
