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
using IntentBot.Server.Insights;
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
        // Filled by DialogsHost while the host starts, and replaced whole on each hot reload of the folder.
        services.AddSingleton(_ => new DialogCatalog(new Dictionary<string, DialogDefinition>()));
        services.AddSingleton(sp => new DialogSource(
            RepositoryRoot.Resolve(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DialogsPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ITextClassifier>(), sp.GetRequiredService<TemplateRenderer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("IntentBot.Agent.Dialogs")));
        services.AddSingleton<IntentBotAgent>();
        // Every channel talks to the agent through the customers' message feedback (thumbs on the replies, Insights/FeedbackBot.cs).
        services.AddSingleton<IBot>(sp => ActivatorUtilities.CreateInstance<FeedbackBot>(sp, sp.GetRequiredService<IntentBotAgent>()));
        services.AddSingleton<HandbackService>();
        // Registered after the model host, so it starts after the model is loaded.
        services.AddHostedService<DialogsHost>();
        return builder;
    }

    /// <summary>Loads the dialogs and learns their custom intents while the host starts (a broken dialog stops start-up
    /// with its message), then reloads them whenever the folder changes (Agent:WatchDialogs).</summary>
    private sealed class DialogsHost(IServiceProvider services, DialogCatalog catalog, IOptions<AgentOptions> options, ILoggerFactory loggers) : IHostedService, IDisposable
    {
        private DialogWatcher? _watcher;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // Resolved here, not in the constructor: the classifier exists only once the model host has started.
            var source = services.GetRequiredService<DialogSource>();
            var loaded = await source.LoadAsync(cancellationToken);
            source.Commit(loaded, catalog);
            if (loaded.Head is { } head)
                loggers.CreateLogger("IntentBot.Agent.Dialogs").LogInformation("Learnt {Count} custom intent(s) from {Folder} in {Seconds:0.0} s: {Names}",
                    head.Intents.Count, source.Folder, loaded.Elapsed.TotalSeconds, string.Join(", ", head.Intents.Select(i => i.Name)));
            if (!options.Value.WatchDialogs) return;
            try
            {
                _watcher = new DialogWatcher(source, catalog, loggers.CreateLogger<DialogWatcher>(), TimeSpan.FromMilliseconds(options.Value.ReloadQuietMilliseconds));
            }
            catch (IOException ex)
            {
                // E.g. the host's inotify instances are used up: the bot still answers, only without hot reload.
                loggers.CreateLogger<DialogWatcher>().LogWarning("Hot reload of {Folder} is off: {Reason}", source.Folder, ex.Message);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _watcher?.Dispose();
    }
}
