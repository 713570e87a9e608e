using System.Text.RegularExpressions;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// The check that a Chinese answer pastes no English sentence: no run of three or more Latin words once links,
/// e-mail addresses, order numbers and codes are taken out. Brands, carriers and codes ("DHL", "TECH50") are single
/// words and pass; "Mon-Fri 8:00-20:00" or "Delivery to Germany" do not.
/// </summary>
internal static partial class NoEnglish
{
    public static Reply SaysNoEnglishSentence(this Reply reply)
    {
        var english = EnglishRun(reply.Text);
        Assert.True(english is null, $"English in a Chinese answer: \"{english}\"\n{reply.Text}");
        return reply;
    }

    public static string? EnglishRun(string text)
    {
        var rest = DataPattern().Replace(text, " ");
        return RunPattern().Match(rest) is { Success: true } m ? m.Value : null;
    }

    [GeneratedRegex(@"https?://\S+|\S+@\S+|\b[A-Z]{0,4}-?\d[\w-]*")]
    private static partial Regex DataPattern();

    // Three Latin words in a row, separated by spaces, commas or hyphens only (as an English phrase is).
    [GeneratedRegex(@"[A-Za-z]{2,}(?:[\s,\-]+[A-Za-z]{2,}){2,}")]
    private static partial Regex RunPattern();
}
