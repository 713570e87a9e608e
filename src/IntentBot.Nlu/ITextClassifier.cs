using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu;

/// <summary>Classifies free text: intent, out-of-scope verdict and sentiment.</summary>
public interface ITextClassifier
{
    ModelInfo Model { get; }

    /// <summary>Classifies texts, answering in input order.</summary>
    /// <exception cref="Batching.QueueFullException">The engine is saturated; retry shortly.</exception>
    Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default);
}
