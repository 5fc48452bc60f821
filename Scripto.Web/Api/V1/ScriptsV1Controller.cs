using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Reading;
using Scripto.Core.Scripts;
using Scripto.Core.Writing;
using Scripto.Web.Security;

namespace Scripto.Web.Api.V1;

/// <summary>The original Scripto's reads and its delete, request for request; its writes are <see cref="ScriptsV1Writes"/>.</summary>
[ApiController]
[Route("api/v1/script")]
[Tags(ScriptsV1Writes.Tag)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
public sealed class ScriptsV1Controller(ScriptWriter writer, ScriptQueries queries) : ControllerBase
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 1000;

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

    /// <summary>Deletes a script and its history.</summary>
    [HttpDelete("{id:long}")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Delete(long id) =>
        await writer.DeleteAsync(id) is { Outcome: WriteOutcome.Deleted } ? NoContent() : this.NoSuchScript(id);

    private static bool TryReadPositive(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, out value) && value >= 1 && value <= max);
    }
}
