using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Web.Security;

namespace Scripto.Web.Api.V1;

/// <summary>The original Scripto's REST API, request for request. It only translates HTTP to the write path.</summary>
[ApiController]
[Route("api/v1/script")]
[Tags("v1: the original Scripto's API")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
public sealed class ScriptsV1Controller(ScriptWriter writer, ScriptQueries queries, TimeProvider clock) : ControllerBase
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 1000;

    /// <summary>Creates a script; <c>name</c> is required.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Report)]
    [RequestSizeLimit(V1Body.MaxBytes)]
    [ProducesResponseType<V1Script>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var (changes, refused) = await ReadChangesAsync(urlId: null, cancellationToken);
        if (refused is not null) return refused;
        var result = await writer.CreateAsync(changes!, this.RemoteAddress(), User.Limits());
        if (result.Outcome != WriteOutcome.Created) return Answer(result);
        var resource = V1Script.From(result.Script!);
        return Created(Url.ActionLink(nameof(Get), values: new { id = resource.Id }), resource);
    }

    /// <summary>One script.</summary>
    [HttpGet("{id:long}")]
    [Authorize(Policy = Policies.Read)]
    [ProducesResponseType<V1Script>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(long id, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } script ? Ok(V1Script.From(script)) : this.NoSuchScript(id);

    /// <summary>Every script, by id, a page at a time (<c>page</c> from 1, <c>results_per_page</c> 1 to 1000, default 10).</summary>
    [HttpGet]
    [Authorize(Policy = Policies.Read)]
    [ProducesResponseType<V1ScriptPage>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> List(
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "results_per_page")] string? resultsPerPage,
        CancellationToken cancellationToken)
    {
        if (!TryReadPositive(page, 1, int.MaxValue, out var p))
            return this.Refuse(400, "Invalid query", "'page' must be a whole number from 1.", "page");
        if (!TryReadPositive(resultsPerPage, DefaultPageSize, MaxPageSize, out var size))
            return this.Refuse(400, "Invalid query", $"'results_per_page' must be a whole number from 1 to {MaxPageSize}.", "results_per_page");
        var (total, items) = await queries.PageByIdAsync((int)Math.Min((long)(p - 1) * size, int.MaxValue), size, cancellationToken);
        var totalPages = (total + size - 1) / size;
        return Ok(new V1ScriptPage(total, items.Select(V1Script.From).ToList(), p, totalPages));
    }

    /// <summary>Changes only the fields present: a report is <c>{"status": true, "last_exec": "CURRENT_TIMESTAMP"}</c>.</summary>
    [HttpPut("{id:long}")]
    [HttpPatch("{id:long}")]
    [Authorize(Policy = Policies.Report)]
    [RequestSizeLimit(V1Body.MaxBytes)]
    [ProducesResponseType<V1Script>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<IActionResult> Update(long id, CancellationToken cancellationToken)
    {
        var (changes, refused) = await ReadChangesAsync(id, cancellationToken);
        if (refused is not null) return refused;
        return Answer(await writer.UpdateAsync(id, changes!, this.RemoteAddress(), User.Limits()), id);
    }

    /// <summary>Deletes a script and its history.</summary>
    [HttpDelete("{id:long}")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Delete(long id) =>
        await writer.DeleteAsync(id) is { Outcome: WriteOutcome.Deleted } ? NoContent() : this.NoSuchScript(id);

    private async Task<(ScriptChanges?, IActionResult?)> ReadChangesAsync(long? urlId, CancellationToken cancellationToken)
    {
        var (document, refusal) = await JsonBodyReader.ReadObjectAsync(Request, V1Body.MaxBytes, cancellationToken);
        if (refusal is not null) return (null, this.Refuse(refusal.Status, refusal.Title, refusal.Detail, refusal.Field));
        using (document)
        {
            var (changes, errors) = V1Body.Parse(document!.RootElement, urlId, clock);
            return errors.Count > 0 ? (null, this.Invalid(errors, "Invalid script")) : (changes, null);
        }
    }

    private IActionResult Answer(WriteResult result, long id = 0) => result.Outcome switch
    {
        WriteOutcome.Created or WriteOutcome.Updated => Ok(V1Script.From(result.Script!)),
        WriteOutcome.NotFound => this.NoSuchScript(id),
        WriteOutcome.Invalid => this.Invalid(result.Errors!, "Invalid script"),
        WriteOutcome.LimitReached => this.ScriptLimitReached(),
        WriteOutcome.Forbidden => this.OutsideKeyLimits(result.Errors![0]),
        _ => throw new InvalidOperationException($"Unexpected outcome {result.Outcome}"),
    };

    private static bool TryReadPositive(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, out value) && value >= 1 && value <= max);
    }
}
