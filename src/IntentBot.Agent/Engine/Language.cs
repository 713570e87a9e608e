using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Which language a message is in, as far as the bot's answers go: English, Chinese (answered in Chinese for
/// orders, returns, codes, products and handoff), or another language it has no texts for.
/// </summary>
/// <remarks>
/// Chinese is told by its script (names of codes and products in Latin letters aside). Another language by its common function words: two or more of them in a
/// message of three words or more, so a street name or a brand ("Hauptstrasse", "Casa") never counts.
/// </remarks>
internal static partial class Language
{
    public const string English = "en";
    public const string Chinese = "zh";
    public const string Unsupported = "other";

    /// <summary>Whether a channel's locale ("zh-CN", "zh-Hans", "zh") asks for Chinese.</summary>
    public static bool IsChineseLocale(string? locale) => locale?.StartsWith(Chinese, StringComparison.OrdinalIgnoreCase) == true;

    public static string Detect(string text)
    {
        // Japanese writes Chinese characters too, between kana: any kana makes it Japanese, which has no texts here.
        if (Japanese(text)) return Unsupported;
        var han = text.Count(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf');
        // A Chinese question about a code or a product keeps its Latin name ("WELCOME10 可以用吗", "Sonora Flux 9 有货吗"):
        // three Chinese characters and no English sentence around them make it Chinese however long the name is.
        if (han >= 2 && (han * 2 >= text.Count(char.IsLetter) || (han >= 3 && !LooksEnglish(text)))) return Chinese;
        return Foreign(text) is null ? English : Unsupported;
    }

    /// <summary>
    /// The Latin-script language the bot has no dialog texts for ("de", "fr", "es", "it", "nl", "pt"), or null for
    /// English (and for data: numbers, e-mail addresses). Two of one language's common words in a message of three
    /// words or more, outnumbering the English ones; or one, with that language's letters or marks ("¿", "ß",
    /// "möchte") and no English word; or a whole message that is a greeting or thanks ("merci", "hola").
    /// </summary>
    public static string? Foreign(string text)
    {
        if (Japanese(text)) return "ja";
        var words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0) return null;
        var english = words.Count(EnglishWords.Contains);
        var (language, count) = ByLanguage.Select(l => (l.Key, Count: words.Count(l.Value.Contains))).MaxBy(l => l.Count);
        if (count == 0) return null;
        if (words.Count <= 2 && english == 0 && words.All(w => Courtesies.Contains(w) || CourtesyFillers.Contains(w) || ByLanguage[language].Contains(w))
            && words.Any(Courtesies.Contains)) return language;
        if (words.Count < 3) return null;
        if (count >= 2 && count > english) return language;
        return count >= 1 && english == 0 && ForeignMarks().IsMatch(text) ? language : null;
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

    private static bool Japanese(string text) => text.Count(c => c is >= '\u3040' and <= '\u30ff') >= 2;

    /// <summary>A whole message that is only thanks or a greeting in another language ("merci", "gracias", "ありがとう").</summary>
    public static bool IsCourtesy(string text)
    {
        var words = WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        return words.Count is >= 1 and <= 3 && words.All(w => Courtesies.Contains(w) || CourtesyFillers.Contains(w));
    }

    /// <summary>Thanks rather than a greeting, in another language.</summary>
    public static bool IsThanks(string text) => WordPattern().Matches(text.ToLowerInvariant()).Any(m => Thanks.Contains(m.Value));

    private static readonly HashSet<string> Thanks =
        ["merci", "gracias", "danke", "grazie", "bedankt", "obrigado", "obrigada", "ありがとう", "ありがとうございます", "ありがとうございました", "どうも"];

    // Words that go with thanks or a greeting ("merci beaucoup", "muchas gracias", "danke schön", "grazie mille").
    private static readonly HashSet<string> CourtesyFillers =
        ["beaucoup", "muchas", "mil", "schön", "schon", "sehr", "vielen", "mille", "tante", "muito", "wel", "hartelijk", "madame", "monsieur"];

    [GeneratedRegex(@"\S+@\S+|#?\b[Ww][\s-]?\d{6}\b|\b[A-Za-z]{3,12}\d{1,3}\b")]
    private static partial Regex DataPattern();

    /// <summary>At least two common English words: the shopper is writing English sentences.</summary>
    public static bool LooksEnglish(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Count(m => EnglishWords.Contains(m.Value)) >= 2;

    // Common function words (and shop words) of each language that are not also English words.
    private static readonly Dictionary<string, HashSet<string>> ByLanguage = new()
    {
        ["de"] =
        [
            "ich", "nicht", "und", "der", "die", "das", "ist", "wo", "meine", "mein", "meinen", "bestellung", "haben", "sie", "ein", "eine",
            "einem", "einen", "wie", "bitte", "danke", "kann", "wann", "mit", "für", "auf", "ihr", "wir", "noch", "schon", "paket",
            "lieferung", "möchte", "sprechen", "mensch", "menschen", "zurückgeben", "rückgabe", "gibt", "es", "gutschein",
            "rabatt", "versand", "hallo", "hast", "du", "gutscheine", "gutscheincode", "rabattcode", "stornieren", "warum", "kommt", "nach", "geld", "zurück", "habe", "hat", "keine", "kein", "ja", "nein",
        ],
        ["es"] =
        [
            "el", "la", "los", "las", "mi", "pedido", "dónde", "donde", "está", "esta", "quiero", "por", "favor", "tengo", "cuando",
            "cuándo", "gracias", "hola", "es", "una", "un", "del", "que", "qué", "para", "como", "cómo", "envío", "tienen", "tiene",
            "cupones", "cupón", "descuento", "devolver", "producto", "hablar", "con", "alguien", "persona", "mis", "dinero", "puedo",
            "llega", "paquete", "sí", "hay", "cancelar",
        ],
        ["fr"] =
        [
            "je", "le", "les", "est", "ma", "mon", "commande", "où", "ou", "avez", "vous", "pour", "merci", "bonjour", "une", "un",
            "des", "colis", "veux", "voudrais", "parler", "quelqu", "quelqu'un", "personne", "retourner", "remboursement", "livraison",
            "rembourser", "oui", "pas", "annuler", "mes", "avec", "suis", "c'est", "reçu", "arrivé",
        ],
        ["it"] = ["il", "mio", "ordine", "dove", "sono", "grazie", "ciao", "della", "voglio", "parlare", "pacco", "rimborso", "vorrei", "è", "annullare", "restituire", "avete", "codice", "sconto"],
        ["nl"] = ["het", "een", "ik", "mijn", "bestelling", "waar", "ben", "wil", "pakket", "spreken", "bedankt", "hoi"],
        ["pt"] = ["meu", "minha", "encomenda", "obrigado", "obrigada", "não", "nao", "onde", "quero", "falar", "pedido", "olá"],
    };

    // A whole message of one of these is a greeting or thanks in that language ("merci", "hola", "danke schön").
    private static readonly HashSet<string> Courtesies =
        ["merci", "bonjour", "hola", "gracias", "danke", "grazie", "bedankt", "obrigado", "obrigada", "olá", "ciao", "buongiorno",
         "ありがとう", "ありがとうございます", "ありがとうございました", "どうも", "こんにちは"];

    [GeneratedRegex(@"[¿¡ßñçàèùâêîôûœäöüãõ]|\b\w+'un\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignMarks();

    private static readonly HashSet<string> EnglishWords =
    [
        "i", "my", "the", "a", "an", "is", "where", "what", "how", "you", "your", "do", "does", "can", "order", "and", "to", "for",
        "of", "it", "this", "that", "have", "want", "please", "with", "when", "in", "on", "me",
    ];

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
