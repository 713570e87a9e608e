using Microsoft.Extensions.DependencyInjection.Extensions;
using IntentBot.Protocol.Bots;
using IntentBot.Agent;
using IntentBot.Agent.Insights;
using IntentBot.Context;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Server.Insights;

/// <summary>Insights: hourly analytics, the review queue with its explanations, their API and the page at /insights.</summary>
public static class InsightsRegistration
{
    public static WebApplicationBuilder AddInsights(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<InsightsOptions>()
            .BindConfiguration(InsightsOptions.SectionName)
            .ValidateDataAnnotations();

        // Where the context lives, the insights live: Redis when configured (every instance adds to the same counts), else in-process.
        services.AddSingleton<IAnalyticsStore>(sp => sp.Store<IAnalyticsStore>(
            () => new InMemoryAnalyticsStore(Options(sp).AnalyticsRetention, sp.GetRequiredService<TimeProvider>()),
            redis => new RedisAnalyticsStore(redis, Context(sp).KeyPrefix, Options(sp).AnalyticsRetention,
                Context(sp).OperationTimeout, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IReviewStore>(sp => sp.Store<IReviewStore>(
            () => new InMemoryReviewStore(Options(sp).ReviewRetention, Options(sp).MaxReviewItems, sp.GetRequiredService<TimeProvider>()),
            redis => new RedisReviewStore(redis, Context(sp).KeyPrefix, Options(sp).ReviewRetention,
                Options(sp).MaxReviewItems, Context(sp).OperationTimeout, sp.GetRequiredService<TimeProvider>())));
        // Review items hold the customer's (masked) words under their user id: DELETE /api/v1/users/{id} erases them.
        services.AddSingleton<IUserDataErasure>(sp => sp.GetRequiredService<IReviewStore>());

        services.AddSingleton<OcclusionExplainer>();
        services.AddSingleton<ReviewIntake>();
        services.AddSingleton<IReviewIntake>(sp => sp.GetRequiredService<ReviewIntake>());
        services.AddSingleton<AnalyticsRecorder>();
        services.AddSingleton<ITurnAnalytics>(sp => sp.GetRequiredService<AnalyticsRecorder>());
        services.AddHostedService<AnalyticsWriter>();
        // Every channel talks to the agent through the customers' message feedback (thumbs on the replies, FeedbackBot.cs).
        services.Replace(ServiceDescriptor.Singleton<IBot>(sp =>
            ActivatorUtilities.CreateInstance<FeedbackBot>(sp, sp.GetRequiredService<IntentBotAgent>())));
        // The agent's Kernel takes its filters from the container: this one counts discount codes checked.
        services.AddSingleton<IFunctionInvocationFilter, CodeCheckCounter>();
        return builder;
    }

    public static WebApplication MapInsights(this WebApplication app)
    {
        app.MapAnalyticsApi();
        app.MapReviewApi();
        InsightsPage.Map(app);
        return app;
    }

    private static ContextOptions Context(IServiceProvider sp) => sp.GetRequiredService<IOptions<ContextOptions>>().Value;

    private static InsightsOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<InsightsOptions>>().Value;

    /// <summary>Runs the recorder's batch writer for the life of the host, and writes what is left on shutdown.</summary>
    /// <remarks>The recorder is resolved when the writer starts, not when it is built: its review intake needs the
    /// model, which the model host (an earlier hosted service) loads only as the host starts.</remarks>
    private sealed class AnalyticsWriter(IServiceProvider services) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            services.GetRequiredService<AnalyticsRecorder>().RunAsync(stoppingToken);
    }
}
