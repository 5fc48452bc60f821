using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Scripto.Core.Notifications.Channels;
using Scripto.Web.Security;

namespace Scripto.Web.Api.Channels;

/// <summary>
/// Where notifications go: create, list, replace, delete a channel, and send it a test message. Admin only.
/// Secrets (a webhook's signing key, a bot token) are write-only: never shown back; a PUT without them keeps them.
/// </summary>
[ApiController]
[Route("api/v2/channels")]
[Authorize(Policy = Policies.Admin)]
[Tags("v2: notification channels")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
public sealed class ChannelsController(ChannelService channels) : ControllerBase
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Every channel, by name.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<V2Channel>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Ok((await channels.ListAsync(cancellationToken)).Select(V2Channel.From).ToList());

    /// <summary>One channel.</summary>
    [HttpGet("{id:long}")]
    [ProducesResponseType<V2Channel>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(long id, CancellationToken cancellationToken) =>
        await channels.GetAsync(id, cancellationToken) is { } channel ? Ok(V2Channel.From(channel)) : NoSuchChannel(id);

    /// <summary>Makes a channel: kind, name, and url (or to, for email); grouping has defaults.</summary>
    [HttpPost]
    [ProducesResponseType<V2Channel>(StatusCodes.Status201Created, "application/json")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var (input, refused) = await ReadAsync(cancellationToken);
        if (refused is not null) return refused;
        var result = await channels.CreateAsync(input!, cancellationToken);
        if (result.Outcome == ChannelOutcome.Invalid) return this.Invalid(result.Errors!, "Invalid channel");
        return Created(Url.ActionLink(nameof(Get), values: new { id = result.Channel!.Id }), V2Channel.From(result.Channel));
    }

    /// <summary>Replaces a channel. A secret or token left out is kept. An edit also clears a failing state.</summary>
    [HttpPut("{id:long}")]
    [ProducesResponseType<V2Channel>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Replace(long id, CancellationToken cancellationToken)
    {
        var (input, refused) = await ReadAsync(cancellationToken);
        if (refused is not null) return refused;
        var result = await channels.UpdateAsync(id, input!, cancellationToken);
        return result.Outcome switch
        {
            ChannelOutcome.NotFound => NoSuchChannel(id),
            ChannelOutcome.Invalid => this.Invalid(result.Errors!, "Invalid channel"),
            _ => Ok(V2Channel.From(result.Channel!)),
        };
    }

    /// <summary>Deletes a channel: nothing more is sent to it.</summary>
    [HttpDelete("{id:long}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Delete(long id, CancellationToken cancellationToken) =>
        await channels.DeleteAsync(id, cancellationToken) ? NoContent() : NoSuchChannel(id);

    /// <summary>Sends a test message now (even to a failing channel); its outcome shows in the channel's attempts.</summary>
    [HttpPost("{id:long}/test")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Test(long id, CancellationToken cancellationToken) =>
        await channels.SendTestAsync(id, cancellationToken)
            ? Accepted(Url.ActionLink(nameof(Attempts), values: new { id }))
            : NoSuchChannel(id);

    /// <summary>The channel's last 100 delivery attempts, newest first.</summary>
    [HttpGet("{id:long}/attempts")]
    [ProducesResponseType<IReadOnlyList<V2Attempt>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Attempts(long id, CancellationToken cancellationToken) =>
        await channels.GetAsync(id, cancellationToken) is null
            ? NoSuchChannel(id)
            : Ok((await channels.AttemptsAsync(id, cancellationToken)).Select(V2Attempt.From).ToList());

    private async Task<(ChannelInput?, IActionResult?)> ReadAsync(CancellationToken cancellationToken)
    {
        var (document, refusal) = await JsonBodyReader.ReadObjectAsync(Request, MaxBodyBytes, cancellationToken);
        if (refusal is not null) return (null, this.Refuse(refusal.Status, refusal.Title, refusal.Detail, refusal.Field));
        using (document)
        {
            var (input, errors) = ChannelJson.Read(document!.RootElement);
            return input is null ? (null, this.Invalid(errors, "Invalid channel")) : (input, null);
        }
    }

    private ObjectResult NoSuchChannel(long id) => this.Refuse(404, "Not found", $"There is no channel with id {id}.");
}
