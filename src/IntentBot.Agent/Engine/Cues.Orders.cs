using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Order cues: "where is my stuff", a parcel that did not come, money back for an order, a number that is almost an
/// order number. Shoppers write these in slang and with typos the model reads as out of scope.
/// </summary>
internal static partial class Cues
{
    /// <summary>The concern a message states about an order beyond its status, kept with the dialog it starts so the
    /// answer can speak to it (a parcel marked "out for delivery" that did not come is not answered "arrives today").</summary>
    public const string NotReceived = "not_received";

    /// <summary>"wtf where is my shit", "where is my stuff 😡", "hw long til my oder cums", "has my parcel shipped".</summary>
    public static bool AsksWhereOrderIs(string text) => WhereOrderPattern().IsMatch(text);

    /// <summary>"W100008 says out for delivery but nothing came", "it says delivered but I never got it".</summary>
    public static bool ReportsNotReceived(string text) => NotReceivedPattern().IsMatch(text.Replace('’', '\'')) && !MoneyPattern().IsMatch(text);

    /// <summary>What the message says beyond its request (<see cref="NotReceived"/>, <see cref="Opened"/>), or null.</summary>
    public static string? ConcernIn(string text) => ReportsNotReceived(text) ? NotReceived : AsksAboutOpenedItem(text) ? Opened : null;

    /// <summary>"W10001", "w1000077": the shape of an order number with the wrong number of digits.</summary>
    public static string? MalformedOrderNumber(string text) =>
        MalformedOrderPattern().Match(text) is { Success: true } m ? m.Value.ToUpperInvariant() : null;

    /// <summary>"when do i get my money", "money back": about the refund of the order under discussion.</summary>
    public static bool AsksAboutMoney(string text) => MoneyPattern().IsMatch(text);

    /// <summary>"can u make it faster", "can i get it tomorrow": a question about faster delivery.</summary>
    public static bool AsksFaster(string text) => FasterPattern().IsMatch(text);

    /// <summary>"i want to return my jacket", "can i return W100003", "send back the headphones": a return of the
    /// shopper's own item or order, not a question about the return policy ("can I return opened items?", "within
    /// how many days can I return my shoes?").</summary>
    public static bool WantsToReturn(string text) => ReturnPattern().IsMatch(text) && !ReturnPolicyPattern().IsMatch(text);

    /// <summary>"cancle my oder W100002", "canel order W100002", "pls cancel it": cancelling, typos included, not a
    /// question about what cancelling costs.</summary>
    public static bool WantsToCancel(string text) => CancelPattern().IsMatch(text) && !CancelFeePattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:cancel|cancle|cancell|canel|cansel|cancl|cacnel|cnacel|cancal)\s+(?:(?:my|the|this|that|it|an?)\b|(?:order|oder|ordr|odrer)\b|#?[Ww]\d{6}\b)", RegexOptions.IgnoreCase)]
    private static partial Regex CancelPattern();

    [GeneratedRegex(@"\b(?:fee|fees|cost|costs|charge|how\s+much|policy|free)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CancelFeePattern();

    /// <summary>"another order", "my other parcel": not the order just discussed.</summary>
    public static bool MeansOtherOrder(string text) => OtherOrderPattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:another|other|different|second|older|earlier|new)\s+(?:order|oder|one|parcel|package)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherOrderPattern();

    /// <summary>Why, when the request says so: "... because it's too small" → "it's too small"; "it arrived broken".</summary>
    public static string? ReasonIn(string text)
    {
        if (BecausePattern().Match(text) is { Success: true } because) return because.Groups["why"].Value.Trim();
        if (FitPattern().Match(text) is { Success: true } fit) return fit.Value;
        return DamagePattern().Match(text) is { Success: true } damage ? damage.Value : null;
    }

    [GeneratedRegex(@"\b(?:because|becuase|bc|cause|coz|cuz|since)\s+(?<why>[^.?!]{3,100})", RegexOptions.IgnoreCase)]
    private static partial Regex BecausePattern();

    /// <summary>"changed my mind", "i just changed my mind": said as a reason, with no "no" or "wait" in front.</summary>
    public static bool IsChangedMind(string text) => ChangedMindPattern().IsMatch(text);

    [GeneratedRegex(@"^\s*(?:i\s+)?(?:just\s+|simply\s+)?(?:changed|change\s+of)\s+(?:my\s+)?mind\s*[.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedMindPattern();

    /// <summary>"my last order", "the latest one", "my most recent order": the customer's newest order.</summary>
    public static bool MeansLastOrder(string text) => LastOrderPattern().IsMatch(text) || LastOrderZhPattern().IsMatch(text);

    [GeneratedRegex(@"(?:最近|最新|上一|上个|刚下|刚刚下)的?(?:一个|一)?(?:个)?(?:订单|单)")]
    private static partial Regex LastOrderZhPattern();

    [GeneratedRegex(@"\b(?:last|latest|newest|most\s+recent|recent)\s+(?:order|oder|one|purchase|parcel|package)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LastOrderPattern();

    /// <summary>"i don't have it", "no idea", "forgot it", "不知道": the shopper does not have the order number to hand.</summary>
    public static bool DoesNotKnowNumber(string text) => NoNumberPattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:(?:i\s+)?(?:don'?t|dont|do\s+not|can'?t|cant|cannot)\s+(?:have|know|find|remember|see)|no\s+idea|not\s+sure|idk|forgot|lost\s+it|no\s+clue)\b|不知道|忘了|找不到|没有订单号|不记得", RegexOptions.IgnoreCase)]
    private static partial Regex NoNumberPattern();

    /// <summary>"thanks", "ok thx", "bye": courtesy only, never the answer to a question asking for words.</summary>
    public static bool IsCourtesyOnly(string text) => CourtesyOnlyPattern().IsMatch(text);

    [GeneratedRegex(@"^\s*(?:(?:ok(?:ay)?|oh|thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|hi|hello|hey|a\s+lot|so\s+much)[\s,.!]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex CourtesyOnlyPattern();

    /// <summary>"does SAVE15 work on it", "can i use TECH50 for the tv": a question about a code written as codes are.</summary>
    public static bool AsksAboutNamedCode(string text) => NamedCodePattern().IsMatch(text) && CodeUsePattern().IsMatch(text);

    [GeneratedRegex(@"\b(?!W\d)[A-Z]{3,12}\d{1,3}\b")]
    private static partial Regex NamedCodePattern();

    [GeneratedRegex(@"\b(?:work|works|working|valid|use|used|apply|applies|accepted|accept|expired|still|good\s+for|redeem)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeUsePattern();

    [GeneratedRegex(@"\b(?:return|retrun|retun|send\s+back|sending\s+back)\s+(?:(?:my|the|this|these|those|that|it|them|sth|something|an?\s+(?:item|order))\b|#?[Ww]\d{6}\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnPattern();

    [GeneratedRegex(@"\b(?:polic(?:y|ies)|how\s+long|how\s+many|within|after|days?|weeks?|free|cost|costs|fee|opened|used|worn|sale|if\s+i|what\s+if)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnPolicyPattern();

    private const string Things = @"(?:orders?|oders?|ordr|odrer|parcels?|packages?|pack[ae]ge|pakages?|pakage|packet|delivery|stuff|shit|things|items?|purchase|shipment|box)";

    [GeneratedRegex(@"\b(?:where(?:'?s|\s+is|\s+are|\s+the\s+hell\s+is)?|wheres|wher|whr|were|wer)\s+(?:is\s+|are\s+)?(?:my|me|mah|our|the)\s+" + Things + @"\b"
        + @"|\b(?:how|hw|hoe)\s+long\s+(?:till?|until|before|b4|for)\s+(?:my|the)\s+" + Things + @"\b"
        + @"|\bwhen\s+(?:will|does|do|is|r|are)\s+(?:my|the)\s+" + Things + @"\s+(?:come|cum|coming|arrive|arriving|get\s+here|be\s+here|ship|shipped)"
        + @"|\b(?:my|the)\s+" + Things + @"\s+(?:still\s+)?(?:has(?:n'?t|\s+not)|did(?:n'?t|\s+not)|never)\s+(?:arrived?|come|came|shown?\s+up)", RegexOptions.IgnoreCase)]
    private static partial Regex WhereOrderPattern();

    [GeneratedRegex(@"\b(?:nothing\s+(?:came|arrived|has\s+(?:come|arrived))|never\s+(?:arrived|came|got\s+it|received)|has(?:n'?t|\s+not)\s+(?:even\s+)?(?:arrived|come|shown\s+up)|hasnt\s+(?:even\s+)?(?:arrived|come)|did(?:n'?t|nt|\s+not)\s+(?:arrive|come|get\s+it|receive)|not\s+(?:arrived|received)|(?:says|marked(?:\s+as)?|shows?)\s+(?:it\s+was\s+|as\s+)?delivered\s+but|no\s+(?:parcel|package)\s+(?:came|arrived))\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotReceivedPattern();

    [GeneratedRegex(@"(?<![\w@])#?[Ww][\s-]?(?:\d{4,5}|\d{7,8})(?!\w)")]
    private static partial Regex MalformedOrderPattern();

    [GeneratedRegex(@"\b(?:my\s+money|money\s+back|(?:my|the|a)\s+refund|refunded|reimburs\w*|paid\s+back)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(?:faster|quicker|sooner|speed\s+(?:it\s+)?up|express|tomorrow|next\s+day|overnight|asap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FasterPattern();
}
