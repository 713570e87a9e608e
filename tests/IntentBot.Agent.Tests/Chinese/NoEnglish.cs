using System.Text.RegularExpressions;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// The check that a Chinese answer pastes no English sentence: no run of three or more Latin words (with nothing
/// Chinese between them) once links, e-mail addresses, order numbers, codes and the site's own menu labels beside
/// their Chinese (“隐私”（Account > Privacy）) are taken out. Brands, carriers and codes ("DHL", "TECH50") pass;
/// "Mon-Fri 8:00-20:00, Sat" or "Delivery to Germany" do not. Product names are English: tests of answers that
/// name a product assert on their own words instead.
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

    [GeneratedRegex(@"https?://\S+|\S+@\S+|\b[A-Z]{2,}\d+\b|”（[^）]*）")]
    private static partial Regex DataPattern();

    // Three Latin words with no Chinese character or Chinese punctuation between them.
    [GeneratedRegex(@"[A-Za-z]{2,}(?:[^A-Za-z\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+[A-Za-z]{2,}){2,}")]
    private static partial Regex RunPattern();
}
