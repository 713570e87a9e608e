using System.Globalization;
using System.Text;
using IntentBot.Nlu.Manifest;

namespace IntentBot.Nlu.Tokenization;

/// <summary>
/// Reads emoji as words ("ok 😡" → "ok  angry "). BertTokenizer drops every emoji, and with it the tone of
/// many customer messages; the model was trained on text passed through the same table
/// (training/tokenization.py <c>emoji_to_words</c>), which ships with the model as <c>files.emoji</c>.
/// </summary>
/// <remarks>Keys are single code points at or above U+2000, so text without such characters is returned as it is.</remarks>
public sealed class EmojiWords
{
    private const int LowestKey = 0x2000;
    private readonly Dictionary<int, string> _words;

    private EmojiWords(Dictionary<int, string> words) => _words = words;

    public int Count => _words.Count;

    /// <summary>Parses the model's emoji table: <c>U+XXXX TAB glyph TAB words</c>; <c>#</c> comments.</summary>
    public static EmojiWords Load(string path)
    {
        var words = new Dictionary<int, string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || !parts[0].StartsWith("U+", StringComparison.Ordinal)
                || !int.TryParse(parts[0].AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code < LowestKey || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF || string.IsNullOrWhiteSpace(parts[2]))
            {
                throw new ModelLoadException($"{path}:{number}: expected 'U+XXXX<TAB>glyph<TAB>words' with a code point >= U+2000, got '{line}'.");
            }
            if (!words.TryAdd(code, parts[2].Trim()))
                throw new ModelLoadException($"{path}:{number}: {parts[0]} is listed twice.");
        }
        return new EmojiWords(words);
    }

    /// <summary>Replaces every listed emoji by its words with a space on each side.</summary>
    public string Apply(string text)
    {
        if (_words.Count == 0 || text.AsSpan().IndexOfAnyInRange((char)LowestKey, char.MaxValue) < 0) return text;

        StringBuilder? builder = null;
        var copied = 0;
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                && _words.TryGetValue(rune.Value, out var words))
            {
                builder ??= new StringBuilder(text.Length + 16);
                builder.Append(text, copied, i - copied).Append(' ').Append(words).Append(' ');
                copied = i + consumed;
            }
            // A lone surrogate decodes as invalid and is skipped one unit at a time (the tokenizer drops it).
            i += Math.Max(consumed, 1);
        }
        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }
}
