using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using IntentBot.Nlu;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent;

/// <summary>Loads and validates the dialogs against the model's intents and the Kernel's functions.</summary>
public static class AgentSetup
{
    /// <summary>Loads the dialogs once; when <paramref name="classifier"/> is a <see cref="Nlu.CustomIntents.CustomIntentClassifier"/>
    /// it also learns and starts using the custom intents the dialogs declare.</summary>
    public static DialogCatalog LoadDialogs(string folder, ITextClassifier classifier, TemplateRenderer renderer, ILogger? logger = null)
    {
        var source = new DialogSource(folder, classifier, renderer, logger);
        var loaded = source.LoadAsync().GetAwaiter().GetResult();
        var catalog = new DialogCatalog(new Dictionary<string, DialogDefinition>());
        source.Commit(loaded, catalog);
        return catalog;
    }

    /// <summary>Loads the dialogs once into the registered catalog (AddIntentBotAgent), for services whose host is never
    /// started (tests, benchmarks); a started host loads them itself.</summary>
    public static DialogCatalog LoadDialogs(IServiceProvider services)
    {
        var source = services.GetRequiredService<DialogSource>();
        var catalog = services.GetRequiredService<DialogCatalog>();
        source.Commit(source.LoadAsync().GetAwaiter().GetResult(), catalog);
        return catalog;
    }
}
