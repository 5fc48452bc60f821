using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Scripto.Core.Notifications.Delivery;
using Scripto.Core.Notifications.Email;
using Scripto.Core.Notifications.Planning;

namespace Scripto.Core.Notifications;

public static class NotificationServices
{
    /// <summary>The planner (alert events to grouped messages), the dispatcher (messages to channels) and the metrics; the writer records the events in any case.</summary>
    public static IServiceCollection AddScriptoNotifications(this IServiceCollection services, NotificationOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new Microsoft.Extensions.Options.OptionsValidationException(nameof(NotificationOptions), typeof(NotificationOptions), problems);
        services.AddSingleton(options);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationPlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPlanner>());
        services.AddSingleton<ChannelSender>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        // One client for every HTTP channel. Quick retries with backoff and jitter (honouring Retry-After when it is
        // short) ride out a blip; a longer outage is the dispatcher's, which retries for a day across restarts.
        services.AddHttpClient(ChannelSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("notifications", pipeline => pipeline
                .ConfigureTimeProvider()
                .AddTimeout(TimeSpan.FromSeconds(30))
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    ShouldRetryAfterHeader = true,
                    // A Retry-After longer than a few seconds is for the dispatcher's schedule, not to hold a send.
                    ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && !(args.Outcome.Result?.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(5))),
                })
                .AddTimeout(TimeSpan.FromSeconds(10)));
        return services;
    }

    /// <summary>
    /// A request's own retries and timeouts run on the real clock, whatever clock schedules the deliveries (a test's
    /// fake one would otherwise hold every retried send until the test moved it).
    /// </summary>
    private static ResiliencePipelineBuilder<HttpResponseMessage> ConfigureTimeProvider(this ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.TimeProvider = TimeProvider.System;
        return pipeline;
    }
}
