using Scripto.Core.Notifications;

namespace Scripto.Web.Hosting;

/// <summary>Notifications' settings (bound, see Settings), and the public address seen in requests for links in messages.</summary>
internal static class NotificationSettings
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScriptoNotifications(builder.AddSettingsNow<NotificationOptions>());
    }

    /// <summary>Remembers the address requests come to (after the forwarded headers), unless Scripto:PublicUrl says it.</summary>
    public static void UsePublicAddress(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<PublicAddress>();
        app.Use((http, next) =>
        {
            address.Saw(http.Request.Scheme, http.Request.Host.Value ?? "", http.Request.PathBase.Value ?? "");
            return next(http);
        });
    }
}
