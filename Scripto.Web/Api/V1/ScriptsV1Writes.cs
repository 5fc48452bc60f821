using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Web.Security;

namespace Scripto.Web.Api.V1;

/// <summary>
/// The original Scripto's writes, request for request: create, and the report (PUT or PATCH). Minimal-API endpoints
/// rather than controller actions, since a report is the hot path (MVC's invoker, filters and model state were ~12 %
/// of the server's CPU per report, bench/README.md). They only translate HTTP to the write path.
/// </summary>
internal static class ScriptsV1Writes
{
    public const string Tag = "v1: the original Scripto's API";

    public static void MapScriptsV1Writes(this IEndpointRouteBuilder app)
    {
        var scripts = app.MapGroup("api/v1")
            .WithTags(Tag)
            .RequireAuthorization(Policies.Report)
            .AddOpenApiOperationTransformer(DescribeBodyAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        scripts.MapPost("script", CreateAsync)
            .WithSummary("Creates a script; name is required.")
            .Produces<V1Script>(StatusCodes.Status201Created);
        scripts.MapMethods("script/{id:long}", [HttpMethods.Put, HttpMethods.Patch], UpdateAsync)
            .WithSummary("Changes only the fields present: a report is {\"status\": true, \"last_exec\": \"CURRENT_TIMESTAMP\"}.")
            .Produces<V1Script>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    // Not AcceptsMetadata: routing would then refuse another Content-Type itself, without this API's 415 problem.
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The fields to set; a PUT or PATCH changes only those present. status also takes 1 and 0; "
                + $"last_exec also takes CURRENT_TIMESTAMP and CURRENT_DATE. At most {V1Body.MaxBytes / 1024} KiB.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(V1ScriptInput), cancellationToken: cancellationToken) },
            },
        };

    private static async Task<IResult> CreateAsync(HttpContext http, [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
        RefusalLog.Logged(http, await CreateCoreAsync(http, writer, clock, cancellationToken));

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, [FromServices] ScriptWriter writer, [FromServices] TimeProvider clock, CancellationToken cancellationToken) =>
        RefusalLog.Logged(http, await UpdateCoreAsync(id, http, writer, clock, cancellationToken));

    private static async Task<IResult> CreateCoreAsync(HttpContext http, ScriptWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (changes, refused) = await ReadChangesAsync(http.Request, urlId: null, clock, cancellationToken);
        if (refused is not null) return refused;
        var result = await writer.CreateAsync(changes!, http.RemoteAddress(), http.User.Limits());
        if (result.Outcome != WriteOutcome.Created) return Answer(result);
        var resource = V1Script.From(result.Script!);
        return JsonAnswer.Created(http.Request.Absolute($"/api/v1/script/{resource.Id}"), resource);
    }

    private static async Task<IResult> UpdateCoreAsync(long id, HttpContext http, ScriptWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (changes, refused) = await ReadChangesAsync(http.Request, id, clock, cancellationToken);
        if (refused is not null) return refused;
        return Answer(await writer.UpdateAsync(id, changes!, http.RemoteAddress(), http.User.Limits()), id);
    }

    private static async Task<(ScriptChanges?, IResult?)> ReadChangesAsync(HttpRequest request, long? urlId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, refusal) = await JsonBodyReader.ReadCheckedAsync(request, V1Body.MaxBytes, cancellationToken);
        if (refusal is not null) return (null, Problems.Refusal(refusal.Status, refusal.Title, refusal.Detail, refusal.Field));
        var (input, wrong) = V1Json.Read(body.Span);
        if (wrong is not null) return (null, Problems.Invalid([wrong], "Invalid script"));
        var (changes, errors) = V1Body.Parse(input!, urlId, clock);
        return errors.Count > 0 ? (null, Problems.Invalid(errors, "Invalid script")) : (changes, null);
    }

    private static IResult Answer(WriteResult result, long id = 0) => result.Outcome switch
    {
        WriteOutcome.Created or WriteOutcome.Updated => JsonAnswer.Ok(V1Script.From(result.Script!)),
        WriteOutcome.NotFound => Problems.NoSuchScript(id),
        WriteOutcome.Invalid => Problems.Invalid(result.Errors!, "Invalid script"),
        WriteOutcome.LimitReached => Problems.ScriptLimitReached(),
        WriteOutcome.Forbidden => Problems.OutsideKeyLimits(result.Errors![0]),
        _ => throw new InvalidOperationException($"Unexpected outcome {result.Outcome}"),
    };
}
