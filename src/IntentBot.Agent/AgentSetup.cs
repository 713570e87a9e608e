using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using IntentBot.Nlu;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent;

/// <summary>Loads and validates the dialogs against the model's intents and the Kernel's functions.</summary>
public static class AgentSetup
{
    public static DialogCatalog LoadDialogs(string folder, ITextClassifier classifier, TemplateRenderer renderer, ILogger? logger = null)
    {
        var intents = classifier.Model.Intents.Select(i => i.Name);
        return DialogValidator.Validate(DialogLoader.LoadFolder(folder), intents, renderer, logger);
    }
}
