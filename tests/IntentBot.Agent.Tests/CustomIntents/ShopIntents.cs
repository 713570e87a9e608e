using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Agent.Tests.CustomIntents;

/// <summary>
/// A shop's dialogs folder with four custom intents (gift wrapping, loyalty points, engraving and bulk orders, ten
/// examples each, in CustomIntents/dialogs) beside the shipped dialogs, learnt once over the real model. Bulk orders
/// overlaps place_order and price_inquiry on purpose. held_out.csv holds paraphrases written apart from the examples,
/// measured with intentbot eval (README, "Your own intent").
/// </summary>
public sealed class ShopIntents : IDisposable
{
    public static string ExamplesFolder => Path.Combine(AgentHarness.RepoRoot, "tests", "IntentBot.Agent.Tests", "CustomIntents", "dialogs");

    public ShopIntents()
    {
        Folder = CopyDialogs(withCustom: true);
        Classifier = new CustomIntentClassifier(AgentHarness.Classifier, 3);
        var harness = AgentHarness.Create();
        Catalog = AgentSetup.LoadDialogs(Folder, Classifier, new TemplateRenderer(harness.Kernel));
    }

    public string Folder { get; }
    public CustomIntentClassifier Classifier { get; }
    public DialogCatalog Catalog { get; }

    /// <summary>A temporary copy of the repository's dialogs, with the three custom intents' files when asked.</summary>
    public static string CopyDialogs(bool withCustom)
    {
        var folder = Directory.CreateTempSubdirectory("intentbot-custom-").FullName;
        foreach (var file in Directory.GetFiles(AgentHarness.DialogsPath, "*.yaml"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        if (withCustom)
            foreach (var file in Directory.GetFiles(ExamplesFolder, "*.yaml"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
