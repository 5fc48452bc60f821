using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Scripto.Web.Api;

/// <summary>
/// One log line for every write the API refuses, with why: a client sending nonsense is the operator's business,
/// and the client's own output is often nowhere anyone reads.
/// </summary>
/// A result filter for the controllers; the minimal-API report endpoints pass their answer through <see cref="Logged"/>
/// instead of an endpoint filter, which would cost every report an invocation context and a boxed result.
public sealed class RefusalLog(ILogger<RefusalLog> log) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails problem }) Log(log, context.HttpContext, problem.Status, problem.Title, problem.Detail);
    }

    /// <summary>The endpoint's answer, logged first when it is a refusal.</summary>
    public static IResult Logged(HttpContext http, IResult result)
    {
        if (result is ProblemResult problem)
            Log(http.RequestServices.GetRequiredService<ILogger<RefusalLog>>(), http, problem.StatusCode, problem.Title, problem.Detail);
        return result;
    }

    private static void Log(ILogger log, HttpContext http, int? status, string? title, string? detail)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || status is not (>= 400 and < 500)) return;
        log.LogWarning("Refused {Method} {Path} from {RemoteAddress}: {Status} {Title}: {Detail}",
            request.Method, OneLine(request.Path.Value), http.Connection.RemoteIpAddress?.ToString(),
            status, title, OneLine(detail));
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
