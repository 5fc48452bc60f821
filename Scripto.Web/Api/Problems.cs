using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api;

/// <summary>
/// RFC 7807 answers that name what was wrong, shared by every API version: written once as results of the minimal-API
/// endpoints, and handed to the controllers through <see cref="AsResult"/>.
/// </summary>
public static class Problems
{
    public static ProblemResult Invalid(IReadOnlyList<FieldError> errors, string title = "Invalid request") =>
        new(400, title, string.Join("; ", errors) + ".", errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static ProblemResult ScriptLimitReached() =>
        Refusal(403, "Too many scripts",
            "There are as many scripts as Limits:MaxScripts allows: delete unused ones, or raise the limit. Nothing was written.");

    /// <summary>A limited report key asked to write to a script outside its servers or names.</summary>
    public static ProblemResult OutsideKeyLimits(FieldError outside) =>
        Refusal(403, "Outside this key's limits",
            $"'{outside.Field}' refused: {outside.Message}. This key may report to, create or change only scripts within its limits. Nothing was written.",
            outside.Field);

    public static ProblemResult NoSuchScript(long id) => Refusal(404, "Not found", $"There is no script with id {id}.");

    public static ProblemResult Refusal(int status, string title, string detail, string? field = null) =>
        new(status, title, detail, field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ObjectResult Invalid(this ControllerBase controller, IReadOnlyList<FieldError> errors, string title = "Invalid request") =>
        controller.AsResult(Invalid(errors, title));

    public static ObjectResult Refuse(this ControllerBase controller, int status, string title, string detail, string? field = null) =>
        controller.AsResult(Refusal(status, title, detail, field));

    public static ObjectResult NoSuchScript(this ControllerBase controller, long id) => controller.AsResult(NoSuchScript(id));

    /// <summary>The same problem as an MVC result, for a controller.</summary>
    public static ObjectResult AsResult(this ControllerBase controller, ProblemResult result)
    {
        var problem = result.Create(controller.HttpContext);
        return new(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }
}

/// <summary>
/// A problem, made by MVC's <see cref="ProblemDetailsFactory"/> (its type link and trace id) and written as the
/// controllers write it (<c>application/problem+json; charset=utf-8</c>), so both kinds of endpoint answer alike.
/// </summary>
public sealed class ProblemResult(int status, string title, string detail, Dictionary<string, string[]>? errors) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;
    int? IStatusCodeHttpResult.StatusCode => status;
    public string Title => title;
    public string Detail => detail;

    public ProblemDetails Create(HttpContext http)
    {
        var problem = http.RequestServices.GetRequiredService<ProblemDetailsFactory>().CreateProblemDetails(http, status, title, detail: detail);
        if (errors is not null) problem.Extensions["errors"] = errors;
        return problem;
    }

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(Create(http), typeof(ProblemDetails), options: null, contentType: "application/problem+json; charset=utf-8");
    }
}
