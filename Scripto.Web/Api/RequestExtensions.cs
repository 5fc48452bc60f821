using Microsoft.AspNetCore.Mvc;

namespace Scripto.Web.Api;

public static class RequestExtensions
{
    /// <summary>Who reported, kept with each run (the proxy's forwarded address once forwarded headers are on).</summary>
    public static string? RemoteAddress(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static string? RemoteAddress(this ControllerBase controller) => controller.HttpContext.RemoteAddress();

    /// <summary>The absolute URL of a path of this app, as the client addressed it.</summary>
    public static string Absolute(this HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
