namespace IntentBot.Shop.Rules;

/// <summary>A run of letters and digits in a text and where it starts: the one word splitter of catalog search
/// (<see cref="CatalogSearch.Words"/>) and of the agent's reading of shop names, which needs the positions to cut
/// names out of a message.</summary>
public readonly record struct WordSpan(string Word, int Start)
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
