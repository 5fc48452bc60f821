using Microsoft.AspNetCore.Mvc;

namespace Scripto.Web.Api;

public static class RequestExtensions
{
    /// <summary>Who reported, kept with each run (the proxy's forwarded address once forwarded headers are on).</summary>
    public static string? RemoteAddress(this ControllerBase controller) =>
        controller.HttpContext.Connection.RemoteIpAddress?.ToString();
}
