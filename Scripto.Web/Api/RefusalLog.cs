using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Scripto.Web.Api;

/// <summary>
/// One log line for every write the API refuses, with why: a client sending nonsense is the operator's business,
/// and the client's own output is often nowhere anyone reads.
/// </summary>
public sealed class RefusalLog(ILogger<RefusalLog> log) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return;
        if (context.Result is not ObjectResult { Value: ProblemDetails problem } || problem.Status is not (>= 400 and < 500)) return;
        log.LogWarning("Refused {Method} {Path} from {RemoteAddress}: {Status} {Title}: {Detail}",
            request.Method, request.Path.Value, context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            problem.Status, problem.Title, problem.Detail);
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
