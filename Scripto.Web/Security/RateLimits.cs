using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Scripto.Web.Security;

/// <summary>
/// Per-key and per-address request limits (<c>Limits:PerKeyPerSecond</c>, <c>Limits:PerAddressPerSecond</c>):
/// a token bucket each, answering 429 with Retry-After. They protect the server from abuse, not from its own
/// users: the defaults stay above what one busy host or a benchmark from one address can send.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of the sign-in and setup forms: their POSTs, per address (<c>Limits:SignInsPerMinute</c>).</summary>
    public const string SignIn = "sign-in";

    public static void AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((o, limits) =>
        {
            var (perKey, perAddress, signIns) = (limits.Value.PerKeyPerSecond, limits.Value.PerAddressPerSecond, limits.Value.SignInsPerMinute);
            // Password guessing: a burst of signInsPerMinute tries, then one every 60/signInsPerMinute s, per address.
            // Showing the form (GET) is free.
            o.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = signIns, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / signIns),
                    QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
            // The partition's key is a struct of the key's claim (the same string on every request of a key, its principal
            // being cached) or the address itself: no string built per request.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Partition>(http =>
                http.User.FindFirst("scripto:key")?.Value is { } key
                    ? RateLimitPartition.GetTokenBucketLimiter(new Partition(key, null), _ => Bucket(perKey))
                    : RateLimitPartition.GetTokenBucketLimiter(new Partition(null, http.Connection.RemoteIpAddress), _ => Bucket(perAddress)));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Refused {Method} {Path} from {RemoteAddress}: 429 over the rate limit", http.Request.Method, http.Request.Path.Value,
                        http.Connection.RemoteIpAddress?.ToString());
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Over the rate limit: retry in {seconds} s." },
                });
            };
        });
    }

    public static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Whose bucket: an API key's, or an address's (null: an in-process request).</summary>
    private readonly record struct Partition(string? Key, System.Net.IPAddress? Address);

    // A second's worth of requests may come at once; the bucket refills every 100 ms, or one token at a time for
    // limits under 10 a second (a tenth of 5 rounded up to one a tick would have let 10 a second through).
    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond,
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / perSecond),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
