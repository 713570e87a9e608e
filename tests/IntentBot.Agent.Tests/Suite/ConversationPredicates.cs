using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Context.State;

namespace IntentBot.Agent.Tests.Suite;

/// <summary>What a reply must (not) contain; every field is optional and all given ones must hold.</summary>
public sealed class SuiteExpectation
{
    /// <summary>Every fragment appears in the reply (case-insensitive).</summary>
    public List<string> Says { get; set; } = [];

    /// <summary>At least one fragment appears.</summary>
    public List<string> SaysAny { get; set; } = [];

    /// <summary>No fragment appears.</summary>
    public List<string> NotSays { get; set; } = [];

    /// <summary>A card whose JSON contains this.</summary>
    public string? Card { get; set; }

    /// <summary>A suggested action with this title.</summary>
    public List<string> Offers { get; set; } = [];

    /// <summary>The conversation went to (true) or stayed away from (false) a person.</summary>
    public bool? Handoff { get; set; }

    /// <summary>The intent the engine settled on this turn (the conversation's latest recorded intent).</summary>
    public string? Intent { get; set; }

    /// <summary>"zh": the reply is in Chinese; "en": it is not.</summary>
    public string? Language { get; set; }
}

public static partial class ConversationPredicates
{
    public static IEnumerable<string> Check(SuiteExpectation e, Reply reply, ConversationState state)
    {
        var text = reply.Text;
        foreach (var s in e.Says.Where(s => !text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            yield return $"expected \"{s}\" in the reply";
        if (e.SaysAny.Count > 0 && !e.SaysAny.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            yield return $"expected one of [{string.Join(", ", e.SaysAny)}] in the reply";
        foreach (var s in e.NotSays.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            yield return $"expected NOT \"{s}\" in the reply";
        if (e.Card is { } card && !reply.Cards.Any(c => c.GetRawText().Contains(card, StringComparison.OrdinalIgnoreCase)))
            yield return $"expected a card containing \"{card}\" ({reply.Cards.Count} card(s))";
        foreach (var title in e.Offers.Where(t => !reply.Suggestions.Contains(t)))
            yield return $"expected the suggestion \"{title}\" (got: {string.Join(", ", reply.Suggestions)})";
        if (e.Handoff is { } handoff && state.HandedOff != handoff)
            yield return handoff ? "expected a handoff to a person" : "expected no handoff";
        var recorded = state.RecentIntents.Count > 0 ? state.RecentIntents[^1] : "none";
        if (e.Intent is { } intent && recorded != intent)
            yield return $"expected intent {intent}, the engine recorded {recorded}";
        if (e.Language is { } language)
        {
            var chinese = text.Count(c => c is >= '\u4e00' and <= '\u9fff') >= 2;
            if (language == "zh" != chinese) yield return $"expected the reply in {language}";
            if (language == "zh" && EnglishSentence(text) is { } english) yield return $"expected no English sentence in a Chinese reply: \"{english}\"";
            if (language == "zh" && reply.Suggestions.FirstOrDefault(s => !s.Any(c => c is >= '\u4e00' and <= '\u9fff')) is { } button)
                yield return $"expected Chinese buttons, got \"{button}\"";
            if (language == "zh" && reply.Cards.SelectMany(Titles).FirstOrDefault(title => !title.Any(c => c is >= '\u4e00' and <= '\u9fff')) is { } label)
                yield return $"expected Chinese card labels, got \"{label}\"";
        }
    }

    /// <summary>Every "title" in a card: its facts' labels and its buttons.</summary>
    private static IEnumerable<string> Titles(System.Text.Json.JsonElement json) => json.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => json.EnumerateObject().SelectMany(p =>
            p.Name == "title" && p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? [p.Value.GetString()!] : Titles(p.Value)),
        System.Text.Json.JsonValueKind.Array => json.EnumerateArray().SelectMany(Titles),
        _ => [],
    };

    /// <summary>
    /// Four or more English words in a row with a function word among them ("I can only cancel orders"): a sentence
    /// left untranslated. Product names, brands, codes and hours ("Cloudrunner Running Shoes", "Mon-Fri 8:00") are not.
    /// </summary>
    public static string? EnglishSentence(string text) =>
        EnglishRun().Matches(text).Select(m => m.Value)
            .FirstOrDefault(run => run.Split(' ', ',').Any(w => FunctionWords.Contains(w.ToLowerInvariant())));

    private static readonly HashSet<string> FunctionWords =
        ["the", "you", "your", "is", "are", "to", "a", "an", "for", "we", "our", "i", "can", "it", "of", "and", "please", "with", "this", "that", "in", "on", "be"];

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z][A-Za-z']*(?:[ ,]+[A-Za-z][A-Za-z']*){3,}")]
    private static partial System.Text.RegularExpressions.Regex EnglishRun();
}
