using IntentBot.Agent.Telemetry;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using IntentBot.Shop;
using IntentBot.Shop.Rules;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Engine;

/// <summary>
/// A second reading of a message the model put out of scope, when the message names one of the shop's own
/// brands or product lines.
/// </summary>
/// <remarks>
/// A shop's brand and product-line names ("Fluffin", "QuietPro") are words the model never saw in training, and
/// an unfamiliar word can tip an ordinary product question out of scope ("is the Ferro pan induction compatible").
/// The catalog knows those words, so: search the catalog for the message; take the message words that name a
/// brand of a product found, or, written with a capital by the customer, a word of its title; classify the
/// message again without them. That reading wins only when the rest of the message is then a confident
/// in-scope request other than small talk — "what is the highest Summit in Europe" without "Summit" is still
/// out of scope — so the shop's vocabulary alone never pulls a message in. The sentiment stays the whole
/// message's. Costs one catalog search per out-of-scope turn, and one more classification only when a name was
/// found.
/// </remarks>
internal sealed class ShopNameReading(ITextClassifier classifier, ICatalog catalog, double minConfidence, ILogger logger)
{
    private const int ProductsLooked = 5;
    private const string SmallTalkCategory = "CONVERSATION";

    public async Task<ClassificationResult> ReadAsync(string text, ClassificationResult nlu, int topK, CancellationToken ct)
    {
        if (!nlu.OutOfScope) return nlu;
        IReadOnlyList<ProductMatch> found;
        try { found = (await catalog.SearchAsync(new ProductQuery(text, Limit: ProductsLooked), ct)).Items; }
        catch (ShopUnavailableException e)
        {
            // Without the catalog the model's verdict stands; the turn itself must not fail.
            logger.LogWarning(e, "Shop unavailable; no second reading of an out-of-scope message");
            return nlu;
        }
        if (found.Count == 0) return nlu;

        var names = NameWords(text, found.Select(m => m.Product));
        if (names.Count == 0) return nlu;
        var rest = Without(text, names);
        if (!rest.Any(char.IsLetter)) return nlu;

        var second = (await classifier.ClassifyAsync([rest], topK, ct))[0];
        // Small talk is no reading of a message that names a product: "is the jacket breathable" read as a greeting
        // only shows the model is unsure, so the verdict stands.
        var inScope = !second.OutOfScope && second.Intent.Confidence >= minConfidence && second.Intent.Category != SmallTalkCategory;
        AgentTelemetry.RecordShopNameReading(inScope);
        if (!inScope) return nlu;
        logger.LogInformation("Out-of-scope message read as {Intent} ({Confidence:0.00}) without the shop's names {Names}",
            second.Intent.Label, second.Intent.Confidence, string.Join(", ", names.Select(n => n.Word)));
        return second with { Sentiment = nlu.Sentiment, Truncated = nlu.Truncated };
    }

    /// <summary>The message's words that name a brand of these products, or (capitalised) a word of their titles.</summary>
    internal static IReadOnlyList<WordSpan> NameWords(string text, IEnumerable<Product> products)
    {
        var brandWords = new HashSet<string>(StringComparer.Ordinal);
        var titleWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            brandWords.UnionWith(CatalogSearch.Words(product.Brand));
            titleWords.UnionWith(CatalogSearch.Words(product.Name));
        }
        var names = new List<WordSpan>();
        foreach (var span in WordSpan.Split(text))
        {
            var word = CatalogSearch.Words(span.Word) is [var single] ? single : null;
            // Short words, numbers and words search ignores ("the", "price") are never a name on their own.
            if (word is null || word.Length < 3 || !word.Any(char.IsLetter) || CatalogSearch.IsStopWord(word)) continue;
            // A generic title word ("tent", "serum") must stay: only a capital says the customer meant a name.
            if (brandWords.Contains(word) || (titleWords.Contains(word) && char.IsUpper(span.Word[0]))) names.Add(span);
        }
        return names;
    }

    /// <summary>The text with these words cut out and the spaces they leave collapsed.</summary>
    internal static string Without(string text, IReadOnlyList<WordSpan> words)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        var from = 0;
        foreach (var word in words)
        {
            kept.Append(text, from, word.Start - from);
            from = word.Start + word.Word.Length;
        }
        kept.Append(text, from, text.Length - from);
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A run of letters and digits in the message and where it starts.</summary>
    internal readonly record struct WordSpan(string Word, int Start)
    {
        public static IEnumerable<WordSpan> Split(string text)
        {
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (inWord && start < 0) start = i;
                else if (!inWord && start >= 0)
                {
                    yield return new WordSpan(text[start..i], start);
                    start = -1;
                }
            }
        }
    }
}
