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
/// product found (<see cref="NameWords"/>); classify the message again without them. That reading wins only when
/// the rest of the message is then a confident in-scope request other than small talk — "what is the highest
/// Summit in Europe" without "Summit" is still out of scope — so the shop's vocabulary alone never pulls a
/// message in. The sentiment stays the whole message's.
/// When that second reading is not confident either, one more way in: the message names a product the catalog
/// found and the model spread it over shopping intents only ("do you sell the Ferro Non-Stick Frying Pan 24 cm":
/// price 0.34, stock 0.27, order 0.18, product 0.11), none confident alone but together above the clarification
/// threshold; the customer is asking about that product, so it is read as a product question, whose answer
/// carries price and stock too.
/// Costs one catalog search per out-of-scope turn, and one more classification only when a name was found. It is
/// an enrichment: whatever goes wrong (shop down, odd backend reply, the model saturated), the verdict stands.
/// </remarks>
internal sealed class ShopNameReading(ITextClassifier classifier, ICatalog catalog, double minConfidence, int topK, ILogger logger)
{
    private const int ProductsLooked = 5;
    private const string SmallTalkCategory = "CONVERSATION";
    private const string ShoppingCategory = "SHOPPING";
    private const string ProductQuestion = "product_inquiry";

    /// <summary>Product questions are short; a long message is a complaint or an e-mail, not a name the model missed.</summary>
    internal const int MaxLength = 200;

    public async Task<ClassificationResult> ReadAsync(string text, ClassificationResult nlu, CancellationToken ct)
    {
        if (!nlu.OutOfScope || text.Length > MaxLength) return nlu;
        try
        {
            var found = (await catalog.SearchAsync(new ProductQuery(text, Limit: ProductsLooked), ct)).Items ?? [];
            var names = NameWords(text, found.Select(m => m.Product).OfType<Product>());
            if (names.Count == 0) return nlu;
            var rest = Without(text, names);
            if (!rest.Any(char.IsLetter)) return nlu;

            var second = (await classifier.ClassifyAsync([rest], topK, ct))[0];
            var inScope = !second.OutOfScope && second.Intent.Confidence >= minConfidence && second.Intent.Category != SmallTalkCategory;
            if (!inScope && ShoppingSpread(nlu) is { } productQuestion)
            {
                AgentTelemetry.RecordShopNameReading(true);
                logger.LogInformation("Out-of-scope message naming {Names} read as a product question: shopping intents hold {Confidence:0.00} together",
                    string.Join(", ", names.Select(n => n.Word)), productQuestion.Intent.Confidence);
                return productQuestion;
            }
            AgentTelemetry.RecordShopNameReading(inScope);
            if (!inScope) return nlu;
            logger.LogInformation("Out-of-scope message read as {Intent} ({Confidence:0.00}) without the shop's names {Names}",
                second.Intent.Label, second.Intent.Confidence, string.Join(", ", names.Select(n => n.Word)));
            return second with { Sentiment = nlu.Sentiment, Truncated = nlu.Truncated };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "No second reading of an out-of-scope message; the model's verdict stands");
            return nlu;
        }
    }

    /// <summary>The first reading as a product question, when only shopping intents hold its top and they are confident together.</summary>
    private ClassificationResult? ShoppingSpread(ClassificationResult nlu)
    {
        if (nlu.Intent.Category != ShoppingCategory || nlu.Intents.Count == 0) return null;
        var shopping = nlu.Intents.TakeWhile(i => i.Category == ShoppingCategory).Sum(i => i.Confidence);
        if (shopping < minConfidence) return null;
        var product = new IntentScore(ProductQuestion, ShoppingCategory, shopping);
        return nlu with { Intent = product, Intents = [product, .. nlu.Intents.Where(i => i.Label != ProductQuestion)], OutOfScope = false };
    }

    /// <summary>
    /// The message's words that name one of these products: a one-word brand ("ferro", any case), or a word of a
    /// longer brand or of a title written with a capital in the middle of a sentence ("the Meeple House game").
    /// </summary>
    /// <remarks>
    /// Why a capital: titles and multi-word brands hold ordinary words too ("tent", "books" of "Quill Books"), and
    /// cutting those would change what the customer asked. The first word of a sentence and an all-caps message
    /// carry no such signal.
    /// </remarks>
    internal static IReadOnlyList<WordSpan> NameWords(string text, IEnumerable<Product> products)
    {
        var oneWordBrands = new HashSet<string>(StringComparer.Ordinal);
        var nameWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            var brand = CatalogSearch.Words(product.Brand ?? "");
            if (brand.Length == 1) oneWordBrands.Add(brand[0]);
            nameWords.UnionWith(brand);
            nameWords.UnionWith(CatalogSearch.Words(product.Name ?? ""));
        }
        var capitalsMeanSomething = text.Any(char.IsLower);
        var names = new List<WordSpan>();
        foreach (var span in WordSpan.Split(text))
        {
            var word = CatalogSearch.Normalise(span.Word);
            // Short words, numbers and words search ignores ("the", "price") are never a name on their own.
            if (word.Length < 3 || !word.Any(char.IsLetter) || CatalogSearch.IsStopWord(word)) continue;
            var capitalised = capitalsMeanSomething && char.IsUpper(span.Word[0]) && !StartsSentence(text, span.Start);
            if (oneWordBrands.Contains(word) || (capitalised && nameWords.Contains(word))) names.Add(span);
        }
        return names;
    }

    private static bool StartsSentence(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] is '"' or '\'' or '(') continue;
            return text[i] is '.' or '!' or '?' or ':' or '\n';
        }
        return true;
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
}
