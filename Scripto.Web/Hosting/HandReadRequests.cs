using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scripto.Web.Api.V1;
using Scripto.Web.Api.V2;

namespace Scripto.Web.Hosting;

/// <summary>
/// The APIs read their bodies (and pings their query) by hand, to refuse unknown fields and parameters and never lose
/// a ping's output, so the API explorer cannot see them: describe them here.
/// </summary>
internal sealed class HandReadRequests : IOpenApiOperationTransformer
{
    private static readonly (string Name, string Description, string Example)[] PingParameters =
    [
        ("server", "The host the script runs on; the same name on two servers is two scripts. Default empty.", "db-1"),
        ("schedule", "hourly, daily, weekly, monthly, none, or an interval such as 15m, 6h, 2d, 1h30m.", "daily"),
        ("cron", "A 5-field cron expression (instead of schedule).", "30 2 * * *"),
        ("tz", "The IANA time zone of cron. Default UTC.", "Europe/Paris"),
        ("grace", "How long after the due time a report may still come (1m to 7d). Default a tenth of the interval, 1 min to 1 h.", "20m"),
        ("duration", "Seconds the run took, when the reporter timed it itself.", "12.5"),
        ("failures", "Failed runs in a row before notifications say it is down (1 to 100). Default 1.", "2"),
        ("recoveries", "Good runs in a row before notifications say it recovered (1 to 100). Default 1.", "1"),
        ("max_runtime", "A run longer than this is down at once (1s to 7d, or off). Default: the schedule's grace.", "30m"),
        ("min_runtime", "A run that succeeds faster than this counts as failed, too short (1s to 7d, or off).", "10s"),
        ("tags", "Comma-separated tags, replacing the script's (empty clears them): a-z, 0-9 and - _ . : after the first; at most 10 of 32 characters.", "db,nightly"),
        ("heartbeat", "1 marks the script as its server's heartbeat (while it is down, the server is silent: one message for all its scripts); 0 unmarks it.", "1"),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var controller = context.Description.ActionDescriptor.RouteValues["controller"];
        if (controller == "Ping") DescribePing(operation);
        else if (controller == "ScriptsV1" && context.Description.HttpMethod is "POST" or "PUT" or "PATCH")
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The fields to set; a PUT or PATCH changes only those present. status also takes 1 and 0; "
                    + "last_exec also takes CURRENT_TIMESTAMP and CURRENT_DATE. At most 64 KiB.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(V1ScriptInput), cancellationToken: cancellationToken) },
                },
            };
    }

    private static void DescribePing(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        // Bound as text so that a wrong one is told what an exit code is; it is a number all the same.
        foreach (var code in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == "exitCode"))
        {
            code.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = "255" };
            code.Description = "The command's exit code: 0 is success, 1-255 failure.";
        }
        foreach (var (name, description, example) in PingParameters)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create(example),
            });
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = $"The run's output, if any: its last 10 KiB are kept (at most {PingController.MaxBodyBytes / 1024} KiB accepted).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
    }
}
