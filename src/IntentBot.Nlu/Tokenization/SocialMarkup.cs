using System.Text.RegularExpressions;

namespace IntentBot.Nlu.Tokenization;

/// <summary>
/// Removes what messaging channels add around a request before the model reads it: links, @-mentions of the
/// shop's account, a hashtag's '#', and an agent's sign-off initials ("^JK"). The model was trained on plain
/// requests; "@ShopHelp my parcel never came https://t.co/x1 #fail" otherwise reads differently from "my parcel
/// never came" (measured on 2.1.0: damaged item 0.63 instead of order tracking 0.77). E-mail addresses stay (their
/// '@' follows a letter), and so do order numbers behind '#'.
/// </summary>
public static partial class SocialMarkup
{
    /// <summary>The text without channel markup; the text itself when nothing else would be left.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOfAny(['@', '#', '^', '~']) < 0 && !text.Contains("://", StringComparison.Ordinal)
            && !text.Contains("www.", StringComparison.OrdinalIgnoreCase))
            return text;
        var stripped = SignOff().Replace(text, "");
        stripped = Link().Replace(stripped, " ");
        stripped = Mention().Replace(stripped, " ");
        stripped = Hashtag().Replace(stripped, "$1");
        stripped = Spaces().Replace(stripped, " ").Trim();
        return stripped.Length == 0 || stripped == text.Trim() ? text : stripped;
    }

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w.+\-@])@\w{1,30}\b:?", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<![\w#&])#(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"\s*[\^~][A-Z]{1,3}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
