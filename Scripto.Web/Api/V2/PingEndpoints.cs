using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Web.Security;

namespace Scripto.Web.Api.V2;

/// <summary>
/// v2: report by name, nothing to remember. The first report creates the script (and may carry its schedule);
/// a one-line curl in a crontab is enough:
/// <c>curl -fsS -m 10 --retry 5 --retry-connrefused -X POST "http://scripto:5000/api/v2/ping/backup?server=$(hostname)&amp;schedule=daily"</c>.
/// The body, if any, is the run's output (its last 10 KiB are kept). Minimal-API endpoints, as a ping is the hot path.
/// </summary>
internal static class PingEndpoints
{
    // Bodies are outputs: accept a generous one and keep its tail, rather than lose the report.
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapPings(this IEndpointRouteBuilder app)
    {
        // Patterns whole after the group's prefix: an empty one would end the route with a '/'.
        var report = app.MapGroup("api/v2/ping").WithTags("v2: report by name")
            .RequireAuthorization(Policies.Report)
            // Not AcceptsMetadata: routing would then refuse a body sent with another type (curl -d sends a form's).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Description = $"The run's output, if any: its last 10 KiB are kept (at most {MaxBodyBytes / 1024} KiB accepted).",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(V2Script), ["application/json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(V2Script), ["application/json"]))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        report.MapPost("{name}", (string name, [AsParameters] PingParameters query, HttpContext http, [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
                ReportAsync(name, Signal.Success, null, query, http, writer, clock, cancellationToken))
            .WithSummary("The run succeeded.");
        report.MapPost("{name}/start", (string name, [AsParameters] PingParameters query, HttpContext http, [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
                ReportAsync(name, Signal.Start, null, query, http, writer, clock, cancellationToken))
            .WithSummary("A run started: the next report gives its duration; a run that never ends goes down after its grace.");
        report.MapPost("{name}/fail", (string name, [AsParameters] PingParameters query, HttpContext http, [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
                ReportAsync(name, Signal.Failure, null, query, http, writer, clock, cancellationToken))
            .WithSummary("The run failed.");
        report.MapPost("{name}/{exitCode}", ExitAsync)
            .WithSummary("The run ended with this exit code: 0 is success, 1-255 failure.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Bound as text so that a wrong one is told what an exit code is; it is a number all the same.
                foreach (var code in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "exitCode") ?? [])
                {
                    code.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = "255" };
                    code.Description = "The command's exit code: 0 is success, 1-255 failure.";
                }
                return Task.CompletedTask;
            });

        // A ping without -X POST (a plain curl is a GET): say how, rather than a bare 404. It only says how: anonymous.
        var hint = app.MapGroup("api/v2/ping").AllowAnonymous().ExcludeFromDescription();
        hint.MapMethods("{name}", [HttpMethods.Get, HttpMethods.Head], NotAPost);
        hint.MapMethods("{name}/{signal}", [HttpMethods.Get, HttpMethods.Head], NotAPost);
    }

    // The exit code is read here rather than by a route constraint, so that "/backup/99999999999" is told what an
    // exit code is. What is not a number at all ("/jobs/report.py") is most often a name whose '/' was not encoded:
    // 404, saying where the name goes.
    private static Task<IResult> ExitAsync(string name, string exitCode, [AsParameters] PingParameters query, HttpContext http,
        [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        if (int.TryParse(exitCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255)
            return ReportAsync(name, code == 0 ? Signal.Success : Signal.Failure, code, query, http, writer, clock, cancellationToken);
        if (LooksLikeANumber(exitCode))
            return Task.FromResult(RefusalLog.Logged(http, Problems.Refusal(400, "Invalid exit code",
                "The exit code must be a whole number from 0 to 255 (or the signal start or fail).", "exit_code")));
        return Task.FromResult(RefusalLog.Logged(http, Problems.Refusal(404, "No such ping",
            $"After the name comes only start, fail or an exit code 0-255, not '{exitCode}'. If '{name}/{exitCode}' is the name, "
            + $"send its '/' as %2F: /api/v2/ping/{Uri.EscapeDataString($"{name}/{exitCode}")}.", "name")));
    }

    // Blank is an exit code left empty ("/backup/$code" with no $code), not a name.
    private static bool LooksLikeANumber(string text) =>
        string.IsNullOrWhiteSpace(text) || text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);

    private static IResult NotAPost(HttpContext http)
    {
        http.Response.Headers.Allow = "POST";
        // The same URL, as this request reached the server: what to paste, whatever the host (behind a proxy too).
        return Problems.Refusal(405, "Pings are POST", $"Send the ping with POST: curl -fsS -X POST \"{http.Request.GetEncodedUrl()}\".");
    }

    private static async Task<IResult> ReportAsync(string name, Signal signal, int? exitCode, PingParameters parameters, HttpContext http,
        ScriptWriter writer, TimeProvider clock, CancellationToken cancellationToken) =>
        RefusalLog.Logged(http, await AnswerAsync(name, signal, exitCode, parameters, http, writer, clock, cancellationToken));

    private static async Task<IResult> AnswerAsync(string name, Signal signal, int? exitCode, PingParameters parameters, HttpContext http,
        ScriptWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (RawTarget.Malformed(http) is { } part)
            return Problems.Refusal(400, "Invalid ping", $"'{part}' is not well-formed: send it as percent-encoded UTF-8, with '%' itself as %25.", part);
        var (query, errors) = PingQuery.Read(parameters, http.Request.Query);
        if (query is null) return Problems.Invalid(errors, "Invalid ping");
        // Output is whatever the command printed: decode leniently, never refuse a report for a stray byte.
        if (await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken) is not { } body)
            return Problems.Refusal(413, "Body too large", $"The output must be at most {MaxBodyBytes / 1024} KiB; send its tail.");
        var output = body.IsEmpty ? null : Encoding.UTF8.GetString(body.Span);

        var report = new ScriptReport(signal, exitCode, output, query.Duration, http.RemoteAddress());
        // Routing decodes the name but leaves %2F as it came; decoding that again would also turn %252F into "/".
        // The name as sent, decoded once, is what the client meant.
        var result = await writer.ReportAsync(RawTarget.Name(http) ?? name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase), query.Server, report, query.Schedule, query.Thresholds, http.User.Limits(), query.Tags, query.Runtime, query.Heartbeat);
        if (result.Outcome == WriteOutcome.Invalid) return Problems.Invalid(result.Errors!, "Invalid ping");
        if (result.Outcome == WriteOutcome.LimitReached) return Problems.ScriptLimitReached();
        if (result.Outcome == WriteOutcome.Forbidden) return Problems.OutsideKeyLimits(result.Errors![0]);
        var answer = V2Script.From(result.Script!, clock.GetUtcNow().UtcDateTime, http.Request.Absolute(""));
        return result.Outcome == WriteOutcome.Created ? JsonAnswer.Created(answer.Url, answer) : JsonAnswer.Ok(answer);
    }
}
