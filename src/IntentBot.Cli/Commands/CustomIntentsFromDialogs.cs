using IntentBot.Agent.Dialogs;
using IntentBot.Home;
using IntentBot.Nlu;
using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Cli.Commands;

/// <summary>The custom intents a dialogs folder declares (--dialogs, else dialogs/ in the IntentBot home, as the
/// server reads them), learnt over a loaded model.</summary>
internal static class CustomIntentsFromDialogs
{
    public static string Folder(Options options) =>
        RepositoryRoot.Resolve(options.Get("--dialogs") ?? "dialogs", RepositoryRoot.LocateHome());

    /// <summary>The classifier with the folder's custom intents in use (the base model alone when it declares none
    /// or, without --dialogs, when there is no dialogs folder).</summary>
    public static async Task<(CustomIntentClassifier Classifier, CustomIntentFit? Fit)> LoadAsync(Options options, NluEngine engine)
    {
        var classifier = new CustomIntentClassifier(engine, 3);
        var folder = Folder(options);
        if (!options.Has("--dialogs") && !Directory.Exists(folder)) return (classifier, null);
        var declared = CustomIntentDialogs.Declared(DialogLoader.LoadFolder(folder));
        if (declared.Count == 0) return (classifier, null);
        var fit = await new CustomIntentTrainer(engine).FitAsync(declared);
        classifier.Use(fit.HeadOrThrow());
        return (classifier, fit);
    }
}
