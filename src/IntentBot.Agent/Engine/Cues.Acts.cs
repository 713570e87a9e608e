using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Conversation cues: "are you a bot?", changing one's mind inside a form ("nvm", "actually no wait"), asking what
/// to do next, "and to the US?" after an answer, and the return of an opened item.
/// </summary>
internal static partial class Cues
{
    /// <summary>The concern of a return-policy question about an item that was opened or used.</summary>
    public const string Opened = "opened";

    /// <summary>"are you a bot?", "is this a real person", "am I talking to a robot", "你是机器人吗": a question, not a request for a person.</summary>
    public static bool AsksIfBot(string text) => BotQuestionPattern().IsMatch(text) || ChineseBotQuestionPattern().IsMatch(text);

    /// <summary>
    /// "nvm", "actually no wait", "nvm keep it", "forget it, cancel", "never mind, keep the old one", "算了": the shopper drops
    /// what is in progress (a form, a confirmation, a request for a person). A new request after the words
    /// ("wait no, I want to exchange it") is not dropping anything. The one list of stop phrases: an address form
    /// never saves one as a street or a city (<see cref="Slots.AddressParser"/>).
    /// </summary>
    public static bool LeavesForm(string text)
    {
        if (ChineseLeavePattern().IsMatch(text)) return true;
        var m = LeavePattern().Match(text);
        if (!m.Success) return false;
        var rest = WordsOnly().Matches(m.Groups["rest"].Value.ToLowerInvariant()).Select(w => w.Value).ToList();
        return rest.Count <= 5 && rest.All(TailWords.Contains);
    }

    // What shoppers add to "nvm" without asking for anything new: "keep it", "found it, cancel that", "wait".
    private static readonly HashSet<string> TailWords =
    [
        "keep", "it", "found", "cancel", "that", "this", "then", "please", "pls", "thanks", "thank", "you", "thx", "wait", "no", "ok", "okay",
        "sorry", "my", "bad", "fine", "all", "good", "i", "ll", "i'll", "do", "later", "myself", "leave", "as", "is", "actually", "mind",
        "the", "old", "one", "address", "anymore", "change", "changing",
    ];

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex WordsOnly();

    /// <summary>"what should i do", "ok then what", "now what": the next step about what was just said.</summary>
    public static bool AsksNextStep(string text) => NextStepPattern().IsMatch(text);

    /// <summary>"and to the US?", "what about express?": the last question again, about something else.</summary>
    public static bool AsksAboutAnother(string text) =>
        AnotherPattern().IsMatch(text) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6;

    /// <summary>"what if i opened it", "and for opened items?": returning an opened item, never opening hours.</summary>
    public static bool AsksAboutOpenedItem(string text) => OpenedPattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:(?:are|r)\s+(?:you|u|ya)\s+(?:a\s+|an\s+)?(?:bot|robot|chat\s*bot|machine|ai|computer|real|human|real\s+person|person|actual\s+person)\b|is\s+(?:this|that|it)\s+(?:a\s+|an\s+)?(?:bot|robot|chat\s*bot|real\s+person|real\s+human|human|person|automated)\s*[?!.]*\s*$|am\s+i\s+(?:talking|speaking|chatting|writing)\s+(?:to|with)\s+(?:a\s+|an\s+)?(?:bot|robot|chat\s*bot|machine|ai|computer|real\s+person|human|person|real\s+human)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BotQuestionPattern();

    [GeneratedRegex(@"^\s*(?:(?:oh|ok|okay|actually|wait|hmm+|umm*|no|sorry|just)[\s,.!]+)*(?:nvm|nvmd|nevermind|never\s*mind|forget(?:\s+(?:it|about\s+it|that))?|cancel\s+that|scratch\s+that|stop(?:\s+(?:that|it))?|quit|abort|no\s+wait|wait\s+no|actually\s+no|don'?t\s+bother|leave\s+it|keep\s+the\s+old(?:\s+one)?|doesn'?t\s+matter|i\s+changed\s+my\s+mind|changed\s+my\s+mind)\b[\s,.!]*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex LeavePattern();

    // "你是机器人吗", "你是真人吗", "是真人还是机器人": the model reads some as a request for a person.
    [GeneratedRegex(@"你是(?:不是)?(?:一个)?(?:机器人|真人|人工智能|AI|ai|bot)|真人还是机器人|机器人还是真人|是不是机器人")]
    private static partial Regex ChineseBotQuestionPattern();

    // "算了", "好吧，算了，不用了", "不办了": the whole message, so "算了，帮我查一下订单" stays a request.
    [GeneratedRegex(@"^\s*(?:哦|噢|嗯|唉|好吧|那)?[，,\s]*(?:算了|不办了|不弄了)(?:吧|啦)?[，,。！!\s]*(?:不用了|不要了|不改了|不退了|谢谢你?|我自己来)?[。！!\s]*$")]
    private static partial Regex ChineseLeavePattern();

    [GeneratedRegex(@"^\s*(?:(?:ok|okay|so|and|but|well)[\s,]+)*(?:what\s+(?:should|can|do|could|shall)\s+i\s+do(?:\s+now|\s+then)?|(?:then|now|so)\s+what|what\s+(?:now|then|next)|what\s+are\s+my\s+options|what\s+(?:else\s+)?can\s+(?:you|u)\s+do\s+about\s+it)\s*[?!.]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NextStepPattern();

    [GeneratedRegex(@"^\s*(?:and|what\s+about|how\s+about|same\s+for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnotherPattern();

    [GeneratedRegex(@"\b(?:opened|unopened|unsealed|used\s+it|worn\s+it|tried\s+it\s+on|open\s+(?:box|package|packaging))\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpenedPattern();

    // "je veux parler à quelqu'un", "quiero hablar con una persona", "ich will mit einem Menschen sprechen".
    [GeneratedRegex(@"\bparler\s+(?:à|a|avec)\s+(?:quelqu['’]?un|une?\s+(?:personne|humain|conseill\w*|agent|vrai\w*))|\bhablar\s+con\s+(?:alguien|una\s+persona|un\s+(?:humano|agente|asesor))|\b(?:einem|einer|einen)\s+(?:menschen|mitarbeiter\w*|person|berater\w*)\s+sprechen|\bparlare\s+con\s+(?:qualcuno|una\s+persona|un\s+operatore)|\bspreken\s+met\s+(?:iemand|een\s+medewerker|een\s+mens)|\bfalar\s+com\s+(?:alguém|alguem|uma\s+pessoa|um\s+atendente)", RegexOptions.IgnoreCase)]
    private static partial Regex PersonForeignPattern();
}
