using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;

namespace IntentBot.Server.Context;

public static class ContextRegistration
{
    /// <summary>
    /// Registers the storage decision (<see cref="StateStorage"/>: Redis or embedded) and the conversation store it picks.
    /// </summary>
    public static WebApplicationBuilder AddContextStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<ContextOptions>()
            .BindConfiguration(ContextOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ErasureAofRewriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureAofRewriter>());

        builder.Services.AddStateStorage();
        builder.Services.AddSingleton<IConversationStore>(sp => sp.Store<IConversationStore>(
            () => ActivatorUtilities.CreateInstance<InMemoryConversationStore>(sp),
            redis => ActivatorUtilities.CreateInstance<RedisConversationStore>(sp, redis)));
        return builder;
    }
}
