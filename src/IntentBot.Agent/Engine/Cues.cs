using System.Text.RegularExpressions;
using IntentBot.Nlu.Classification;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Words that settle what a message is about whatever the model read: a request for a person, a question about
/// discount codes, small talk that names its act ("thanks", "bye"), a pronoun pointing back at the subject.
/// </summary>
/// <remarks>
/// Why words beside the model: a form's prompt must never stand between a shopper and a person, and the model
/// reads some short messages as small talk ("she loves cooking" as goodbye). Each cue is narrow on purpose: it
/// wins only where it is unambiguous, and everything else stays the model's.
/// </remarks>
internal static partial class Cues
{
    public static bool WantsPerson(string text) => PersonPattern().IsMatch(text) || PersonZhPattern().IsMatch(text) || PersonForeignPattern().IsMatch(text);

    public static bool AsksForCodes(string text) => !PostcodePattern().IsMatch(text) && CodesPattern().IsMatch(text) || CodesZhPattern().IsMatch(text);

    public static bool AsksOpeningHours(string text) => HoursPattern().IsMatch(text);

    public static bool DoesNotFit(string text) => FitPattern().IsMatch(text);

    /// <summary>"it arrived broken", "you sent the wrong item".</summary>
    public static bool ReportsDamage(string text) => DamagePattern().IsMatch(text);

    /// <summary>"can I exchange it for a 42", "swap for another colour".</summary>
    public static bool AsksExchange(string text) => ExchangePattern().IsMatch(text);

    /// <summary>A whole message that only says yes or no ("yes", "yep", "no thanks", "sure, go ahead"): "yes" or "no".</summary>
    public static string? ShortYesNo(string text)
    {
        var t = YesNoTrim().Replace(text.Trim().ToLowerInvariant(), "");
        return ShortYes.Contains(t) ? "yes" : ShortNo.Contains(t) ? "no" : Slots.ChineseYesNo.Parse(text);
    }

    private static readonly HashSet<string> ShortYes =
    [
        "yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "yes please", "yes pls", "yes, please", "sure thing", "of course",
        "absolutely", "definitely", "go ahead", "do it", "please do", "yes do it", "sure, go ahead", "yes go ahead", "yes, go ahead", "ja", "si", "oui", "好", "好的", "是", "是的",
    ];

    private static readonly HashSet<string> ShortNo =
    [
        "no", "n", "nope", "nah", "no thanks", "no thank you", "no, thanks", "no, thank you", "not really", "not now", "no need", "nein", "non", "不", "不用", "不用了",
    ];

    /// <summary>"it", "this one", "that order": the message is about the subject already under discussion.</summary>
    public static bool RefersBack(string text) => BackPattern().IsMatch(text) || BackZhPattern().IsMatch(text);

    /// <summary>The small-talk intents the model may only be trusted with when the message says so in words.</summary>
    public static bool ConfirmsSmallTalk(string label, string text) => label switch
    {
        "goodbye" => ByePattern().IsMatch(text),
        "thanks" => ThanksPattern().IsMatch(text),
        "greeting" => HelloPattern().IsMatch(text),
        _ => true,
    };

    public static bool IsSmallTalk(string label) => label is "goodbye" or "thanks" or "greeting";

    /// <summary>The message is nothing but an order number ("W100023", "#W100023", "order W100023", "订单号W100023").</summary>
    public static bool IsBareOrderNumber(string text) => BareOrderPattern().IsMatch(text.Trim());

    public static bool IsQuestion(string text) => QuestionPattern().IsMatch(text);

    /// <summary>Words and signs of an upset shopper ("ridiculous", "still not here", "!!!", shouting).</summary>
    public static bool SoundsUpset(string text) => UpsetPattern().IsMatch(text) || Shouting(text);

    /// <summary>
    /// Whether the model's negative sentiment (already past the gate) stands. A plain question ("do you ship to
    /// Austria?") with no upset word is neutral unless the model is very sure: an apology for frustration nobody
    /// voiced sounds odd. The gate itself stays the model's: upset words never make a message negative on their own.
    /// </summary>
    public static bool IsNegative(string text, bool modelNegative, double confidence)
    {
        // A bare "no" ("不用了", "nope") answers a question; it says nothing about the shopper's mood.
        if (!modelNegative || ShortYesNo(text) is not null) return false;
        // The model's sentiment reads many neutral Chinese questions as negative ("怎么切换到另一个账户": 0.88), so in
        // Chinese a question or a request ("请…", "我想…") is negative only with an upset word, however sure the model is.
        if (Language.Detect(text) == Language.Chinese) return SoundsUpsetInChinese(text) || !IsPlainChinese(text);
        // "r u a bot" asks a question without a question mark; wondering who answers is not being upset.
        var plainQuestion = (IsQuestion(text) || text.TrimEnd().EndsWith('?') || AsksIfBot(text)) && !SoundsUpset(text);
        return !(plainQuestion && confidence < SureNegative);
    }

    private const double SureNegative = 0.85;

    private static bool Shouting(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Count(char.IsLetter) >= 3).ToList();
        return words.Count >= 3 && words.Count(w => w.Where(char.IsLetter).All(char.IsUpper)) * 2 > words.Count;
    }

    /// <summary>The reading a cue gives: the intent, certain, with the model's sentiment.</summary>
    public static ClassificationResult Read(ClassificationResult nlu, string label)
    {
        var category = nlu.Intents.FirstOrDefault(i => i.Label == label)?.Category ?? "CUE";
        var intent = new IntentScore(label, category, 1f);
        return nlu with { Intent = intent, Intents = [intent, .. nlu.Intents.Where(i => i.Label != label)], OutOfScope = false };
    }

    [GeneratedRegex(@"\b(?:(?:talk|speak|chat|connect|put\s+me\s+through|transfer)\b.{0,25}\b(?:human|person|agent|someone|somebody|representative|operator|staff|colleague|real\s+people)|(?:human|real\s+person|live\s+agent|real\s+agent|representative)\b.{0,12}\b(?:please|pls|now)|^\s*(?:human|agent|operator|representative|a\s+person|real\s+person)\s*[.!?]*\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"人工|真人|客服人员|转接")]
    private static partial Regex PersonZhPattern();

    [GeneratedRegex(@"\b(?:coupons?|vouchers?|discount\s+codes?|promo(?:tional)?(?:\s+codes?)?|promotions|codes?|gutschein|rabattcode)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodesPattern();

    [GeneratedRegex(@"优惠|折扣|折扣码|优惠码|优惠券|代金券")]
    private static partial Regex CodesZhPattern();

    [GeneratedRegex(@"\b(?:post\s*code|postal\s+code|zip\s*code|area\s+code|order\s+code|tracking\s+code|qr\s+code|dress\s+code)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"\b(?:opening\s+hours|open(?:ing)?\s+times|business\s+hours|office\s+hours|when\s+are\s+you\s+open|are\s+you\s+open|hours\s+of\s+operation|when\s+do\s+you\s+(?:open|close))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HoursPattern();

    [GeneratedRegex(@"\b(?:too\s+(?:small|big|large|tight|loose|short|long)|does(?:n't|\s+not)\s+fit|didn't\s+fit|not\s+fit)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FitPattern();

    [GeneratedRegex(@"\b(?:arrived\s+(?:damaged|broken|smashed|cracked)|(?:is|was|came)\s+(?:damaged|broken|cracked|smashed)|(?:sent|got|received)\s+(?:me\s+)?(?:the\s+|a\s+)?wrong\s+(?:item|product|size|colou?r|thing)|not\s+what\s+I\s+ordered)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DamagePattern();

    [GeneratedRegex(@"\b(?:exchange|swap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExchangePattern();

    [GeneratedRegex(@"\b(?:it|its|it's|this\s+one|that\s+one|this\s+order|that\s+order|the\s+same\s+order|them|they)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackPattern();

    [GeneratedRegex(@"这个|这款|这件|这双|这单|那个|那款")]
    private static partial Regex BackZhPattern();

    [GeneratedRegex(@"\b(?:bye|goodbye|good\s+bye|see\s+(?:you|ya)|cya|ciao|later|that's\s+all|thats\s+all|have\s+a\s+(?:nice|good|great)|good\s+night|farewell|tschüss)\b|再见|拜拜", RegexOptions.IgnoreCase)]
    private static partial Regex ByePattern();

    [GeneratedRegex(@"\b(?:thank|thanks|thx|ty|cheers|appreciate|grateful|danke|merci|great|perfect|awesome|brilliant|cool|nice)\b|谢谢", RegexOptions.IgnoreCase)]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"\b(?:hi|hello|hey|hiya|howdy|yo|morning|afternoon|evening|greetings|hallo|servus|moin|sup|good\s+day)\b|你好|您好", RegexOptions.IgnoreCase)]
    private static partial Regex HelloPattern();

    [GeneratedRegex(@"\b(?:furious|angry|livid|pissed|ridiculous|unacceptable|outrageous|disgrace(?:ful)?|terrible|horrible|awful|worst|useless|pathetic|scam|rip[\s-]?off|joke|fed\s+up|sick\s+of|had\s+enough|wtf|what\s+the\s+hell|where\s+the\s+hell|still\s+(?:not|hasn't|haven't|no)|never\s+(?:arrived|came|got)|frustrat\w*|disappointed|annoyed|upset|waste\s+of)\b|!{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex UpsetPattern();

    [GeneratedRegex(@"[.!?。！]+$")]
    private static partial Regex YesNoTrim();

    [GeneratedRegex(@"^\s*(?:what|whats|what's|how|why|when|where|who|which|is|are|do|does|can|could|will|would)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"^(?:(?:my\s+)?order\s*(?:number|no\.?|#)?\s*(?:is\s*)?:?\s*|(?:我的)?订单(?:编?号|号码)?(?:是)?[:：]?\s*)?#?[Ww][\s-]?\d{6}\s*[.!?。！？]*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareOrderPattern();
}
