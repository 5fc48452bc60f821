using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Scripto.Web.Api;

/// <summary>
/// Faults of the client's making found while its request is read: a malformed chunked body, a body cut short or
/// sent too slowly, a form without its antiforgery token. They are 400s (408, 413: whatever Kestrel says), logged in
/// one line and counted as refusals: not 500s with a stack trace, counted as Scripto's failures.
/// (A client that hung up is ASP.NET's 499, logged at debug level: there is nobody left to answer.)
/// </summary>
public sealed class ClientFaultHandler(IProblemDetailsService problems, ILogger<ClientFaultHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            AntiforgeryValidationException => (400, "Invalid form", "The form's antiforgery token is missing or invalid: reload the page and try again."),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        log.LogWarning("Refused {Method} {Path} from {RemoteAddress}: {Status} {Title}: {Detail}",
            http.Request.Method, RefusalLog.OneLine(http.Request.Path.Value), http.Connection.RemoteIpAddress?.ToString(), status, title, RefusalLog.OneLine(detail));
        http.Response.StatusCode = status;
        if (http.RequestAborted.IsCancellationRequested) return true;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
        return true;
    }
}
