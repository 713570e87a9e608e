using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// The classifier everything above the engine uses: the base model, plus the shop's custom intents once a head is
/// fitted. Without a head it is the base model exactly. <see cref="Use"/> swaps the head atomically (hot reload of
/// the dialogs): a request in flight finishes with the head it started with.
/// </summary>
public sealed class CustomIntentClassifier(ITextClassifier baseClassifier, int defaultTopK) : ITextClassifier
{
    private CustomIntentHead? _head;

    public ITextClassifier BaseClassifier { get; } = baseClassifier;

    /// <summary>The custom intents in use, or null when there are none.</summary>
    public CustomIntentHead? Head => Volatile.Read(ref _head);

    public ModelInfo Model => Head?.Model ?? BaseClassifier.Model;

    public void Use(CustomIntentHead? head) => Volatile.Write(ref _head, head);

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default)
    {
        var head = Head;
        if (head is null) return await BaseClassifier.ClassifyAsync(texts, topK, cancellationToken).ConfigureAwait(false);
        // The custom head needs every base label's probability to renormalise them, so ask the base model for all.
        var full = await BaseClassifier.ClassifyAsync(texts, BaseClassifier.Model.Intents.Count, cancellationToken).ConfigureAwait(false);
        var k = topK ?? defaultTopK;
        return full.Select((r, i) => head.Apply(r, k, texts[i])).ToArray();
    }
}
