using System.Text;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// Words that only one custom intent's examples use: a word (its first four letters, so that "engraved",
/// "engraving" and "engravng" count as one) found in at least two of the intent's examples, in no background
/// phrase of any built-in intent and in no other custom intent's examples. A message that names such a word is
/// about that intent even where the base model, which has never seen the word, reads it confidently as the
/// built-in intent its other words suggest ("how long does engraving take" and <c>delivery_period</c>).
/// </summary>
internal sealed class MarkerWords
{
    /// <summary>The letters of a word that count: enough to tell words apart, few enough that endings and
    /// late typos do not.</summary>
    private const int StemLength = 4;

    private readonly HashSet<string>[] _markers;

    /// <param name="examples">Per custom intent (in head order), its example texts.</param>
    /// <param name="background">Every background phrase.</param>
    public MarkerWords(IReadOnlyList<IReadOnlyList<string>> examples, IEnumerable<string> background)
    {
        var common = background.SelectMany(Stems).ToHashSet(StringComparer.Ordinal);
        var perIntent = examples.Select(texts => texts.SelectMany(t => Stems(t).Distinct(StringComparer.Ordinal))
            .GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToArray();
        _markers = perIntent.Select((counts, intent) => counts
            .Where(c => c.Value >= 2 && !common.Contains(c.Key) && !perIntent.Where((_, other) => other != intent).Any(o => o.ContainsKey(c.Key)))
            .Select(c => c.Key).ToHashSet(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Per custom intent, its marker stems.</summary>
    public IReadOnlyList<IReadOnlySet<string>> Markers => _markers;

    /// <summary>The one custom intent whose marker words the text uses, or null when it uses none or several intents'.</summary>
    public int? NamedBy(string text)
    {
        var stems = Stems(text).ToHashSet(StringComparer.Ordinal);
        int? named = null;
        for (var i = 0; i < _markers.Length; i++)
        {
            if (!_markers[i].Overlaps(stems)) continue;
            if (named is not null) return null;
            named = i;
        }
        return named;
    }

    /// <summary>The text's words, lower-cased, cut to <see cref="StemLength"/> letters (shorter words are left out:
    /// they are function words more often than not); each CJK ideograph is a word of its own.</summary>
    internal static IEnumerable<string> Stems(string text)
    {
        var word = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant().Append(' '))
        {
            var ideograph = ch is >= '\u4E00' and <= '\u9FFF';
            if (char.IsLetter(ch) && !ideograph) { word.Append(ch); continue; }
            if (word.Length >= StemLength) yield return word.ToString(0, StemLength);
            word.Clear();
            if (ideograph) yield return ch.ToString();
        }
    }
}
