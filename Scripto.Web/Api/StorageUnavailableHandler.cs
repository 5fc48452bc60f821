using Microsoft.AspNetCore.Diagnostics;
using Scripto.Core.Writing;

namespace Scripto.Web.Api;

/// <summary>A full disk or a deleted database: 503 with Retry-After and a problem saying which, not a bare 500.</summary>
public sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable) return false;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = ((int)unavailable.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = 503, Title = unavailable.Title, Detail = unavailable.Detail },
        });
    }
}
