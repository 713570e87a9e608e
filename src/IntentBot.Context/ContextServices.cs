using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntentBot.Context;

public static class ContextServices
{
    /// <summary>
    /// Registers the conversation context: the storage decision (<see cref="StateStorage"/>: Redis or embedded),
    /// the conversation and behaviour stores it picks, and the live purchase-intent estimate with its model. The
    /// model is loaded while the host starts, so a broken model folder stops start-up with the loader's message
    /// instead of failing the first context request.
    /// </summary>
    public static IServiceCollection AddIntentBotContext(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ContextOptions>()
            .BindConfiguration(ContextOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<BehaviourOptions>()
            .BindConfiguration(BehaviourOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<LiveSessionMappingOptions>()
            .BindConfiguration(LiveSessionMappingOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<PurchaseIntentOptions>()
            .BindConfiguration(PurchaseIntentOptions.SectionName)
            .ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);

        services.AddStateStorage();
        services.AddSingleton<IConversationStore>(sp => sp.Store<IConversationStore>(
            () => ActivatorUtilities.CreateInstance<InMemoryConversationStore>(sp),
            redis => ActivatorUtilities.CreateInstance<RedisConversationStore>(sp, redis)));
        services.AddSingleton<IBehaviourStore>(sp => sp.Store<IBehaviourStore>(
            () => ActivatorUtilities.CreateInstance<InMemoryBehaviourStore>(sp),
            redis => ActivatorUtilities.CreateInstance<RedisBehaviourStore>(sp, redis)));

        services.TryAddSingleton(sp => new LiveSessionFeatureMapper(sp.GetRequiredService<IOptions<LiveSessionMappingOptions>>().Value));
        services.TryAddSingleton(sp => PurchaseIntentModel.Load(Path.GetFullPath(
            sp.GetRequiredService<IOptions<PurchaseIntentOptions>>().Value.ModelPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<LivePurchaseIntent>();
        services.AddHostedService<PurchaseIntentModelWarmup>();
        return services;
    }

    /// <summary>Resolves the purchase-intent model (and so loads and validates it) during start-up.</summary>
    private sealed class PurchaseIntentModelWarmup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<PurchaseIntentModel>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
