using IntentBot.Agent;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Plugins;
using IntentBot.Agent.Templates;
using IntentBot.Context;
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using StackExchange.Redis;

namespace IntentBot.Server.Agent;

/// <summary>The agent (IBot): dialogs, Semantic Kernel plugins, optional LLM. The operator API (queue, handback) is the desk's (Desk/DeskApi.cs).</summary>
public static class AgentRegistration
{
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<AgentOptions>()
            .BindConfiguration(AgentOptions.SectionName)
            .ValidateDataAnnotations();

        // The behaviour context (events, live purchase intent) feeds the agent and learns from each chat turn.
        services.TryAddSingleton<ICustomerSignals, BehaviourSignals>();
        // Free-form questions go to an OpenAI-compatible model only when Llm:Endpoint is set; otherwise (and on
        // any LLM failure) they get the template answer.
        services.AddFreeFormResponder();

        // The handoff inbox lives where the context does: Redis when configured (shared by every instance
        // and the shop's console), in-process otherwise.
        services.AddSingleton<IHandoffInbox>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IConfiguration>().GetConnectionString("Redis"))
                ? new InMemoryHandoffInbox()
                : new RedisHandoffInbox(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<ContextOptions>>().Value.KeyPrefix,
                    sp.GetRequiredService<IOptions<ContextOptions>>().Value.OperationTimeout));
        // Handoff records hold the user id and transcript: DELETE /api/v1/users/{id} erases them.
        services.AddSingleton<IUserDataErasure>(sp => sp.GetRequiredService<IHandoffInbox>());

        // One Kernel for templates and the optional LLM: the shop's plugins plus the agent's own.
        services.AddSingleton(sp =>
        {
            var kernel = new Kernel(sp);
            foreach (var plugin in AgentKernel.Plugins(ShopPlugins.Create(sp), sp.GetRequiredService<IHandoffInbox>(), sp.GetRequiredService<ICustomerSignals>()))
                kernel.Plugins.Add(plugin);
            return kernel;
        });
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            var folder = RepositoryRoot.Resolve(options.DialogsPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return AgentSetup.LoadDialogs(folder, sp.GetRequiredService<ITextClassifier>(), sp.GetRequiredService<TemplateRenderer>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("IntentBot.Agent.Dialogs"));
        });
        services.AddSingleton<IntentBotAgent>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<IntentBotAgent>());
        services.AddSingleton<HandbackService>();
        // Registered after the model host, so it starts after the model is loaded.
        services.AddHostedService<DialogStartupCheck>();
        return builder;
    }

    /// <summary>Loads and validates the dialogs while the host starts: a broken dialog stops start-up with its message.</summary>
    private sealed class DialogStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<DialogCatalog>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
