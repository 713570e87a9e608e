using IntentBot.Context;
using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;
using IntentBot.Context.Redis;
using IntentBot.Nlu;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using IntentBot.Context.Storage;

namespace IntentBot.Server.Context;

/// <summary>Behaviour events, aggregates and the live context API.</summary>
public static class BehaviourRegistration
{
    /// <summary>
    /// Registers the behaviour store next to the conversation store, where <see cref="StateStorage"/> says, and the
    /// purchase-intent estimate the context API reports.
    /// </summary>
    public static WebApplicationBuilder AddBehaviourEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<BehaviourOptions>()
            .BindConfiguration(BehaviourOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptionsWithValidateOnStart<LiveSessionMappingOptions>()
            .BindConfiguration(LiveSessionMappingOptions.SectionName)
            .ValidateDataAnnotations();

        builder.Services.AddSingleton<IBehaviourStore>(sp => sp.Store<IBehaviourStore>(
            () => ActivatorUtilities.CreateInstance<InMemoryBehaviourStore>(sp),
            redis => ActivatorUtilities.CreateInstance<RedisBehaviourStore>(sp, redis)));
        builder.Services.AddOptionsWithValidateOnStart<PurchaseIntentOptions>()
            .BindConfiguration(PurchaseIntentOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.TryAddSingleton(sp => new LiveSessionFeatureMapper(sp.GetRequiredService<IOptions<LiveSessionMappingOptions>>().Value));
        builder.Services.TryAddSingleton(sp => PurchaseIntentModel.Load(RepositoryRoot.Resolve(
            sp.GetRequiredService<IOptions<PurchaseIntentOptions>>().Value.ModelPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        builder.Services.AddSingleton<LivePurchaseIntent>();
        builder.Services.AddSingleton<PurchaseIntentEstimator>();
        // Load the model while the host starts, so a broken model folder stops start-up with the loader's
        // message instead of failing the first context request.
        builder.Services.AddHostedService<PurchaseIntentModelWarmup>();
        return builder;
    }

    public static WebApplication MapBehaviourApi(this WebApplication app)
    {
        app.MapEventsApi();
        app.MapContextApi();
        return app;
    }
}

/// <summary>Resolves the purchase-intent model (and so loads and validates it) during start-up.</summary>
internal sealed class PurchaseIntentModelWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PurchaseIntentModel>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
