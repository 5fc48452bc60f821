using Scripto.Core.Notifications;

namespace Scripto.Web.Hosting;

/// <summary>Notifications' settings from configuration, and the public address seen in requests for links in messages.</summary>
internal static class NotificationSettings
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var smtp = new SmtpSettings();
        configuration.GetSection("Notifications:Smtp").Bind(smtp);
        builder.Services.AddScriptoNotifications(new NotificationOptions
        {
            Smtp = smtp,
            PublicUrl = configuration["Scripto:PublicUrl"] is { Length: > 0 } url ? url : null,
            FlapLimit = WholeNumberSetting.Read(configuration, "Notifications:FlapLimit", 6),
        });
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
