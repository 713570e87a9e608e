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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent;

public static class AgentServices
{
    /// <summary>
    /// Registers the agent (<see cref="IBot"/>): dialogs, the Semantic Kernel with the shop's and the agent's
    /// plugins, the handoff inbox, the optional LLM. It needs the NLU (AddIntentBotNlu), the context
    /// (AddIntentBotContext) and the shop (AddIntentBotShop). The dialogs are loaded while the host starts;
    /// a host that is never started loads them with <see cref="AgentSetup.LoadDialogs(IServiceProvider)"/>.
    /// </summary>
    public static IServiceCollection AddIntentBotAgent(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<AgentOptions>()
            .BindConfiguration(AgentOptions.SectionName)
            .ValidateDataAnnotations();

        // The behaviour context (events, live purchase intent) feeds the agent and learns from each chat turn.
        services.TryAddSingleton<ICustomerSignals, BehaviourSignals>();
        // Free-form questions go to an OpenAI-compatible model only when Llm:Endpoint is set; otherwise (and on
        // any LLM failure) they get the template answer.
        services.AddFreeFormResponder();

        // The handoff inbox lives where the context does (shared by every instance and the shop's console with Redis).
        services.AddSingleton<IHandoffInbox>(sp => sp.Store<IHandoffInbox>(
            () => new InMemoryHandoffInbox(),
            redis => new RedisHandoffInbox(redis, sp.GetRequiredService<IOptions<ContextOptions>>().Value.KeyPrefix,
                sp.GetRequiredService<IOptions<ContextOptions>>().Value.OperationTimeout)));
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
        // Filled when the dialogs are loaded, and replaced whole on each hot reload of the folder.
        services.AddSingleton(_ => new DialogCatalog(new Dictionary<string, DialogDefinition>()));
        services.AddSingleton(sp => new DialogSource(
            Path.GetFullPath(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DialogsPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ITextClassifier>(), sp.GetRequiredService<TemplateRenderer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("IntentBot.Agent.Dialogs")));
        services.AddSingleton<IntentBotAgent>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<IntentBotAgent>());
        services.AddSingleton<HandbackService>();
        // Registered after the model host, so it starts after the model is loaded.
        services.AddHostedService<DialogsHost>();
        return services;
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
