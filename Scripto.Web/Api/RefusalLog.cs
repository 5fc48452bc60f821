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
            request.Method, OneLine(request.Path.Value), context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            problem.Status, problem.Title, OneLine(problem.Detail));
    }

    /// <summary>
    /// A refusal quotes what the client sent (a field's name, a value): a CR or LF in it would start a line of the
    /// client's making in a single-line log. Control characters are written as \uXXXX instead.
    /// </summary>
    public static string? OneLine(string? text)
    {
        if (text is null || !text.Any(char.IsControl)) return text;
        var clean = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (char.IsControl(c)) clean.Append($"\\u{(int)c:X4}");
            else clean.Append(c);
        return clean.ToString();
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
