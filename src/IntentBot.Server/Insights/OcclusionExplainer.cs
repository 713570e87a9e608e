using IntentBot.Agent.Insights;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;

namespace IntentBot.Server.Insights;

/// <summary>
/// Explains a reading by occlusion: the text is read again once per word with that word left out, all in one
/// batched model call, and each word's influence is how much the original intent's (and sentiment's) probability
/// drops without it (negative: the word pulled the other way).
/// </summary>
public sealed class OcclusionExplainer(ITextClassifier classifier)
{
    /// <summary>Words past this are not occluded (a customer message is short; this bounds one explanation's cost).</summary>
    public const int MaxWords = 48;

    public async Task<(ClassificationResult Reading, IReadOnlyList<WordInfluence> Words)> ExplainAsync(string text, CancellationToken cancellationToken)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var occluded = words.Length <= 1 ? [] : words.Take(MaxWords).Select((_, i) => string.Join(' ', words.Where((_, j) => j != i))).ToList();
        // Every intent's probability is needed, not just the top few: the original intent may fall anywhere without a word.
        var results = await classifier.ClassifyAsync([text, .. occluded], classifier.Model.Intents.Count, cancellationToken).ConfigureAwait(false);
        var reading = results[0];
        var intent = reading.Intent.Label;
        var influences = new List<WordInfluence>(occluded.Count);
        for (var i = 0; i < occluded.Count; i++)
        {
            var without = results[i + 1];
            var intentWithout = without.Intents.FirstOrDefault(s => s.Label == intent)?.Confidence ?? 0f;
            influences.Add(new WordInfluence(words[i], Round(reading.Intent.Confidence - intentWithout),
                Round(Score(reading.Sentiment.Scores, reading.Sentiment.Label) - Score(without.Sentiment.Scores, reading.Sentiment.Label))));
        }
        return (reading, influences);
    }

    private static float Score(SentimentScores scores, string label) => label switch
    {
        "negative" => scores.Negative,
        "positive" => scores.Positive,
        _ => scores.Neutral,
    };

    private static float Round(float value) => MathF.Round(value, 4);
}
