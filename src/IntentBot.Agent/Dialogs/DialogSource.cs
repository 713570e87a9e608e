using System.Diagnostics;
using IntentBot.Agent.Templates;
using IntentBot.Nlu;
using IntentBot.Nlu.CustomIntents;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Dialogs;

/// <summary>One reading of the dialogs folder: the validated dialogs and the custom intents they declare.</summary>
public sealed record LoadedDialogs(DialogCatalog Catalog, CustomIntentHead? Head, CustomIntentFit? Fit, TimeSpan Elapsed);

/// <summary>
/// Reads the dialogs folder, learns the custom intents it declares (when the classifier takes them) and validates
/// every dialog against the intents the classifier will then know. <see cref="Commit"/> puts a reading in use.
/// Anything wrong is one <see cref="DialogValidationException"/> listing every problem with its file.
/// </summary>
public sealed class DialogSource
{
    private readonly ITextClassifier _classifier;
    private readonly CustomIntentTrainer? _trainer;
    private readonly TemplateRenderer _renderer;
    private readonly ILogger? _logger;

    public DialogSource(string folder, ITextClassifier classifier, TemplateRenderer renderer, ILogger? logger = null)
    {
        (Folder, _classifier, _renderer, _logger) = (folder, classifier, renderer, logger);
        if (classifier is CustomIntentClassifier custom) _trainer = new CustomIntentTrainer(custom.BaseClassifier);
    }

    public string Folder { get; }

    public async Task<LoadedDialogs> LoadAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var dialogs = DialogLoader.LoadFolder(Folder);
        var declared = CustomIntentDialogs.Declared(dialogs);
        if (declared.Count == 0 || _trainer is null)
        {
            var baseModel = _trainer?.BaseClassifier.Model ?? _classifier.Model;
            var plain = DialogValidator.Validate(dialogs, baseModel.Intents.Select(i => i.Name), _renderer, _logger);
            return new LoadedDialogs(plain, null, null, Stopwatch.GetElapsedTime(started));
        }

        var fit = await _trainer.FitAsync(declared, cancellationToken).ConfigureAwait(false);
        if (fit.HasErrors)
            throw new DialogValidationException("Invalid custom intents:" + Environment.NewLine +
                string.Join(Environment.NewLine, fit.Problems.Where(p => p.IsError).Select(p => "  " + p)));
        foreach (var warning in fit.Problems)
            _logger?.LogWarning("Custom intent: {Problem}", warning.ToString());
        var head = fit.Head!;
        var overridden = declared.Where(d => d.Overrides is not null).ToDictionary(d => d.Overrides!, d => d.Name, StringComparer.Ordinal);
        var catalog = DialogValidator.Validate(dialogs, head.Model.Intents.Select(i => i.Name), _renderer, _logger, overridden);
        return new LoadedDialogs(catalog, head, fit, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Puts a reading in use: <paramref name="catalog"/> takes its dialogs and the classifier its custom
    /// intents. While the classifier switches, the catalog also keeps the previous dialogs, so a label the previous
    /// custom intents still give in a request already under way finds its dialog.</summary>
    public void Commit(LoadedDialogs loaded, DialogCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Replace(loaded.Catalog.WithFallback(catalog));
        if (_classifier is CustomIntentClassifier custom) custom.Use(loaded.Head);
        catalog.Replace(loaded.Catalog);
    }
}
