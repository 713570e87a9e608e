using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Which language a message is in, as far as the bot's answers go: English, Chinese (answered in Chinese for
/// orders, returns, codes, products and handoff), or another language it has no texts for.
/// </summary>
/// <remarks>
/// Chinese is told by its script. Another language by its common function words: two or more of them in a
/// message of three words or more, so a street name or a brand ("Hauptstrasse", "Casa") never counts.
/// </remarks>
internal static partial class Language
{
    public const string English = "en";
    public const string Chinese = "zh";
    public const string Unsupported = "other";

    public static string Detect(string text)
    {
        var han = text.Count(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf');
        if (han >= 2 && han * 2 >= text.Count(char.IsLetter)) return Chinese;
        var words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count < 3) return English;
        var foreign = words.Count(ForeignWords.Contains);
        var english = words.Count(EnglishWords.Contains);
        return foreign >= 2 && foreign > english ? Unsupported : English;
    }

    /// <summary>
    /// Whether an English-script message is English words rather than data: any word of three letters or more
    /// once order numbers, e-mail addresses and codes are taken out ("delivery options?" is; "W100001" or
    /// "anna@example.com" is not). The reply language follows the message being answered.
    /// </summary>
    public static bool HasEnglishWords(string text)
    {
        var rest = DataPattern().Replace(text, " ");
        return LooksEnglish(text) || WordPattern().Matches(rest).Any(m => m.Value.Length >= 3 && m.Value.All(c => c < 128));
    }

    [GeneratedRegex(@"\S+@\S+|#?\b[Ww][\s-]?\d{6}\b|\b[A-Za-z]{3,12}\d{1,3}\b")]
    private static partial Regex DataPattern();

    /// <summary>At least two common English words: the shopper is writing English sentences.</summary>
    public static bool LooksEnglish(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Count(m => EnglishWords.Contains(m.Value)) >= 2;

    // German, Spanish, French, Italian, Dutch, Portuguese function words that are not also English words.
    private static readonly HashSet<string> ForeignWords =
    [
        "ich", "nicht", "und", "der", "die", "das", "ist", "wo", "meine", "mein", "bestellung", "haben", "sie", "ein", "eine", "wie",
        "bitte", "danke", "kann", "wann", "mit", "für", "auf", "ihr", "wir", "noch", "schon", "paket", "lieferung",
        "el", "la", "los", "las", "mi", "pedido", "dónde", "donde", "está", "esta", "quiero", "por", "favor", "tengo", "cuando", "cuándo",
        "gracias", "hola", "es", "una", "del", "que", "qué", "para", "como", "cómo", "envío",
        "je", "le", "les", "est", "ma", "mon", "commande", "où", "avez", "vous", "pour", "merci", "bonjour", "une", "des", "colis",
        "il", "mio", "ordine", "dove", "sono", "grazie", "ciao", "della", "het", "een", "ik", "mijn", "bestelling", "waar", "ben",
        "meu", "minha", "encomenda", "obrigado", "não", "nao", "onde",
    ];

    private static readonly HashSet<string> EnglishWords =
    [
        "i", "my", "the", "a", "an", "is", "where", "what", "how", "you", "your", "do", "does", "can", "order", "and", "to", "for",
        "of", "it", "this", "that", "have", "want", "please", "with", "when", "in", "on", "me",
    ];

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
