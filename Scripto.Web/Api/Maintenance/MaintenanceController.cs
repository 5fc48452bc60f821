using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Keys;
using Scripto.Core.Maintenance;
using Scripto.Core.Scripts;
using Scripto.Web.Security;

namespace Scripto.Web.Api.Maintenance;

/// <summary>
/// Maintenance windows: while one covers a script, what would be late or down shows Maintenance and nothing is
/// announced; at its end what is still down is. Admins manage any window (JSON body); a report key opens one for its
/// own server from the machine itself, with one curl:
/// <c>curl -X POST "$SCRIPTO/api/v2/maintenance?server=$(hostname)&amp;for=30m&amp;reason=upgrade"</c> (at most 24 h),
/// and ends it early with DELETE.
/// </summary>
[ApiController]
[Route("api/v2/maintenance")]
[Tags("v2: maintenance windows")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
public sealed class MaintenanceController(MaintenanceService windows, TimeProvider clock) : ControllerBase
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Windows that cover now or will, and those over within the last 30 days; newest first.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.Read)]
    [ProducesResponseType<IReadOnlyList<V2Maintenance>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Ok((await windows.ListAsync(cancellationToken)).Select(w => V2Maintenance.Of(w, Now)).ToList());

    /// <summary>One window, with where it stands now.</summary>
    [HttpGet("{id:long}")]
    [Authorize(Policy = Policies.Read)]
    [ProducesResponseType<V2Maintenance>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(long id, CancellationToken cancellationToken) =>
        await windows.GetAsync(id, cancellationToken) is { } window ? Ok(V2Maintenance.Of(window, Now)) : NoSuchWindow(id);

    /// <summary>Opens a maintenance window (a report key: for its own server, 24 hours at most).</summary>
    /// <remarks>
    /// Admins send JSON: servers, names (globs), tags (a script matching every list given), and from (default now)
    /// with until or for; or cron, time_zone and duration for a recurring one; and a reason. A report key uses the
    /// query string alone: server (its own), for (at most 24h), reason.
    /// </remarks>
    [HttpPost]
    [Authorize(Policy = Policies.Report)]
    [ProducesResponseType<V2Maintenance>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var (input, refused) = await ReadAsync(cancellationToken);
        if (refused is not null) return refused;
        var result = await windows.CreateAsync(input!, Requester, cancellationToken);
        return result.Outcome switch
        {
            MaintenanceOutcome.Invalid => this.Invalid(result.Errors!, "Invalid maintenance window"),
            MaintenanceOutcome.Forbidden => Forbidden(result.Errors![0]),
            _ => Created(Url.ActionLink(nameof(Get), values: new { id = result.Window!.Id }), V2Maintenance.Of(result.Window, Now)),
        };
    }

    /// <summary>Ends a window now (a recurring one for good): what is still down is announced.</summary>
    /// <remarks>Ending one that is over changes nothing.</remarks>
    [HttpDelete("{id:long}")]
    [Authorize(Policy = Policies.Report)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> End(long id, CancellationToken cancellationToken)
    {
        var result = await windows.EndAsync(id, Requester, cancellationToken);
        return result.Outcome switch
        {
            MaintenanceOutcome.NotFound => NoSuchWindow(id),
            MaintenanceOutcome.Forbidden => Forbidden(result.Errors![0]),
            _ => NoContent(),
        };
    }

    private MaintenanceRequester Requester => new(User.Identity?.Name ?? "anonymous", User.Has(Scopes.Admin), User.Limits());

    private async Task<(MaintenanceInput?, IActionResult?)> ReadAsync(CancellationToken cancellationToken)
    {
        // No body: the one-curl form, from the query string. A body: JSON, with nothing in the query.
        if (Request.ContentLength is null or 0 && Request.ContentType is null)
        {
            var (fromQuery, queryErrors) = MaintenanceJson.Read(Request.Query);
            return fromQuery is null ? (null, this.Invalid(queryErrors, "Invalid maintenance window")) : (fromQuery, null);
        }
        if (Request.Query.Count > 0)
            return (null, this.Refuse(400, "Invalid maintenance window",
                "Send a window either as a JSON body or in the query string, not both.", Request.Query.Keys.First()));
        var (document, refusal) = await JsonBodyReader.ReadObjectAsync(Request, MaxBodyBytes, cancellationToken);
        if (refusal is not null) return (null, this.Refuse(refusal.Status, refusal.Title, refusal.Detail, refusal.Field));
        using (document)
        {
            var (input, errors) = MaintenanceJson.Read(document!.RootElement);
            return input is null ? (null, this.Invalid(errors, "Invalid maintenance window")) : (input, null);
        }
    }

    private ObjectResult Forbidden(FieldError why) =>
        this.Refuse(403, "Outside this key's rights",
            $"'{why.Field}' refused: {why.Message}. A report key may open (and end) a window only for its own server, for at most 24 hours; an admin may open any. Nothing was written.",
            why.Field);

    private ObjectResult NoSuchWindow(long id) => this.Refuse(404, "Not found", $"There is no maintenance window with id {id}.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
