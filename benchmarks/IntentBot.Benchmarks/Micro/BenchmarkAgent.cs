using IntentBot.Agent;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Insights;
using IntentBot.Context;
using IntentBot.Context.Storage;
using IntentBot.Home;
using IntentBot.Nlu;
using IntentBot.Nlu.Hosting;
using IntentBot.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// The agent as the server registers it (the libraries' own Add… methods, the repository's defaults: embedded
/// store, sample shop, no LLM), on an engine the benchmark loaded and with no behaviour context. The host is never
/// started: the dialogs are loaded once here.
/// </summary>
internal static class BenchmarkAgent
{
    /// <param name="store">Conversation state somewhere else than the embedded default (a benchmark's redis-server).</param>
    public static IntentBotAgent Create(ITextClassifier engine, ITurnAnalytics? analytics = null, IConversationStore? store = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = RepositoryRoot.LocateHome() });
        builder.Services.AddIntentBotNlu().AddIntentBotContext().AddIntentBotShop().AddIntentBotAgent();
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton<ICustomerSignals>(new NoCustomerSignals());
        if (analytics is not null) builder.Services.AddSingleton(analytics);
        if (store is not null) builder.Services.Replace(ServiceDescriptor.Singleton(store));
        var services = builder.Build().Services;
        AgentSetup.LoadDialogs(services);
        return services.GetRequiredService<IntentBotAgent>();
    }
}
