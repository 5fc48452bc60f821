using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Scripts;

namespace Scripto.Web.Api;

/// <summary>RFC 7807 answers that name what was wrong, shared by every API version.</summary>
public static class Problems
{
    public static ObjectResult Invalid(this ControllerBase controller, IReadOnlyList<FieldError> errors, string title = "Invalid request")
    {
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, 400, title, detail: string.Join("; ", errors) + ".");
        problem.Extensions["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return AsResult(problem);
    }

    public static ObjectResult ScriptLimitReached(this ControllerBase controller) =>
        controller.Refuse(403, "Too many scripts",
            "There are as many scripts as Limits:MaxScripts allows: delete unused ones, or raise the limit. Nothing was written.");

    /// <summary>A limited report key asked to write to a script outside its servers or names.</summary>
    public static ObjectResult OutsideKeyLimits(this ControllerBase controller, FieldError outside) =>
        controller.Refuse(403, "Outside this key's limits",
            $"The {outside.Field} {outside.Message}: this key may report to, create or change only scripts within its limits. Nothing was written.",
            outside.Field);

    public static ObjectResult Refuse(this ControllerBase controller, int status, string title, string detail, string? field = null)
    {
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, status, title, detail: detail);
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return AsResult(problem);
    }

    public static ObjectResult NoSuchScript(this ControllerBase controller, long id) =>
        controller.Refuse(404, "Not found", $"There is no script with id {id}.");

    private static ObjectResult AsResult(ProblemDetails problem) =>
        new(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
}
