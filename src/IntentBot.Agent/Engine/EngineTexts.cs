namespace IntentBot.Agent.Engine;

/// <summary>
/// The few sentences the engine says itself (not tied to one dialog). Dialog answers live in dialogs/*.yaml.
/// </summary>
internal static class EngineTexts
{
    public const string Welcome = "Hi! I'm the shop assistant. I can track orders, help with returns and refunds, find products and answer questions about delivery and payment. What can I do for you?";
    public const string Clarify = "Sorry, I'm not sure I understood. Did you mean one of these?";
    public const string Cancelled = "OK, I've stopped that. Is there anything else I can help with?";
    public const string NothingToCancel = "There's nothing in progress to cancel. What can I help you with?";
    public const string StartOver = "Let's start over. What can I help you with?";
    public const string GiveUp = "Sorry, I still couldn't make sense of that. We can try something else, or I can connect you with a member of our team.";
    public const string Empathy = "I'm sorry about this, I understand it's frustrating.";
    public const string OfferHuman = "If you'd rather talk to a person, just say so.";
    public const string HandoffNotice = "I'm connecting you with a member of our team. They'll see our conversation so far, so you won't need to repeat yourself.";
    public const string HandoffFrustration = "I can tell this hasn't gone well, and I'm sorry. I'm passing you to a member of our team who can sort it out.";
    public static string Resume(string title) => $"Now, back to {title}.";
    public const string ConfirmAgain = "Please answer yes or no.";
    public const string TalkToPerson = "Talk to a person";
    public const string TalkToPersonText = "I want to talk to a human agent";
    public const string ActionFailed = "Sorry, I can't reach that information right now. Please try again in a moment, or ask to talk to a person.";

    /// <summary>Dialogs offered as buttons when the bot has nothing more specific to suggest.</summary>
    public static readonly string[] MainMenu = ["@track_order", "@get_refund", "@recommendation", "@contact_human_agent"];

    // Guests: the status is part of what is protected, so the prompt only says the order exists. It names what the
    // guest asked for: a guest who asks something else about the same order ("can I cancel it then?") gets the
    // prompt again, and must see that the new request was understood.
    public static string VerifyPrompt(string order, string request) =>
        $"{request}: order {order} is on file. To keep your details private, please tell me the e-mail address or the postcode the order was placed with.";
    // A change or personal data needs the e-mail address: a postcode is shared by many orders.
    public static string VerifyEmailPrompt(string order, string request) =>
        $"{request}: order {order} is on file. As you're not signed in, I need the e-mail address the order was placed with to do this (a postcode is only enough to track an order).";
    public static string VerifyAgain(string order) =>
        $"Before I can show order {order}, I need the e-mail address or the postcode it was placed with (for example name@example.com or 10115). If you don't have them to hand, a member of our team can help.";
    public static string VerifyEmailAgain(string order) =>
        $"For this I need the e-mail address order {order} was placed with (for example name@example.com). If you don't have it to hand, a member of our team can help.";
    public static string VerifyMismatch(string order) =>
        $"Sorry, that doesn't match what we have for order {order}. Please check the e-mail address or postcode the order was placed with.";
    public static string VerifyEmailMismatch(string order) =>
        $"Sorry, that doesn't match the e-mail address we have for order {order}. Please check the e-mail address the order was placed with.";
    public static string VerifyEmailNeeded(string order) =>
        $"A postcode is only enough to track an order. To do this, I need the e-mail address order {order} was placed with.";
    public static string VerifyGaveUp(string order) =>
        $"Sorry, I couldn't confirm that order {order} is yours, so I can't show or change it here. If you have an account, sign in on our website and open the chat there; or a member of our team can check it with you another way. Shall I connect you?";

    // Dialogue acts outside a form.
    public const string YesNothingAsked = "Great! What can I help you with?";
    public const string NoNothingAsked = "Alright. If there's anything else, just ask: I can track orders, help with returns, find products and answer questions about delivery.";
    public const string TellMeMore = "Could you tell me a bit more about what you need? I can track an order, help with a return or refund, find a product or connect you with our team.";
    public const string UpsetUnsure = "I'm really sorry, that sounds frustrating. Tell me what went wrong (an order number helps), or I can put you through to a member of our team right away.";
    public const string DoesNotFit = "Sorry it doesn't fit! I can help you exchange it for another size or return it for a refund. Which would you prefer?";
    public static string AlsoAsked(string text) => $"You also asked: \"{text}\". Shall I look at that next?";

    /// <summary>A language the dialogs have no texts for: said in English, with the way to a person.</summary>
    public const string UnsupportedLanguage = "Sorry, I can only chat in English (and Chinese) for now. You can write to me in English, or I can connect you with a member of our team.";

    /// <summary>The engine's own sentences in Chinese (the dialogs carry theirs as "translations: { zh: ... }").</summary>
    public static class Zh
    {
        public static string VerifyPrompt(string order) => $"已找到订单 {order}。为保护您的隐私，请告诉我下单时使用的电子邮箱或邮政编码。";
        public static string VerifyEmailPrompt(string order) => $"已找到订单 {order}。您尚未登录，办理此项需要下单时使用的电子邮箱（邮政编码只能用于查询物流）。";
        public static string VerifyAgain(string order) => $"查看订单 {order} 之前，我需要下单时使用的电子邮箱或邮政编码（例如 name@example.com 或 10115）。如果手头没有，可以转人工客服帮您。";
        public static string VerifyEmailAgain(string order) => $"办理此项需要订单 {order} 下单时使用的电子邮箱（例如 name@example.com）。如果手头没有，可以转人工客服帮您。";
        public static string VerifyMismatch(string order) => $"抱歉，这与订单 {order} 的信息不符。请核对下单时使用的电子邮箱或邮政编码。";
        public static string VerifyEmailMismatch(string order) => $"抱歉，这与订单 {order} 的电子邮箱不符。请核对下单时使用的电子邮箱。";
        public static string VerifyEmailNeeded(string order) => $"邮政编码只能用于查询物流。办理此项需要订单 {order} 下单时使用的电子邮箱。";
        public static string VerifyGaveUp(string order) => $"抱歉，我无法确认订单 {order} 属于您，因此无法在这里显示或修改。如果您有账户，请在我们的网站登录后再打开聊天；也可以由客服同事用其他方式帮您核实。需要为您转接人工客服吗？";
        public const string Clarify = "抱歉，我不太确定您的意思。您是想办理以下哪一项呢？";
        public const string HandoffNotice = "好的，正在为您转接人工客服。他们能看到我们之前的对话，您无需重复。";
        public const string Empathy = "非常抱歉给您带来不便，我理解您的心情。";
        public const string OfferHuman = "如果您希望由人工客服为您处理，请随时告诉我。";
        public static string Resume(string title) => $"我们继续刚才的事情：{title}。";
        public static string AlsoAsked(string text) => $"您还问到：“{text}”。需要我接着帮您看看吗？";

        /// <summary>
        /// The fixed sentences and button labels by their English text (the English sentence is the key, as in
        /// gettext): the engine says the English constant and <see cref="Of"/> gives the Chinese one, so a call
        /// site needs no language switch of its own.
        /// </summary>
        private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
        {
            [EngineTexts.Welcome] = "您好！我是店铺的智能客服。我可以帮您查询订单、办理退货退款、查找商品，以及解答配送和付款方面的问题。请问有什么可以帮您？",
            [EngineTexts.Clarify] = Clarify,
            [EngineTexts.Cancelled] = "好的，已为您停止。还有什么可以帮您的吗？",
            [EngineTexts.NothingToCancel] = "目前没有正在办理的事项需要取消。请问有什么可以帮您？",
            [EngineTexts.StartOver] = "好的，我们重新开始。请问有什么可以帮您？",
            [EngineTexts.GiveUp] = "抱歉，我还是没能理解。我们可以换个问题试试，或者我为您转接人工客服。",
            [EngineTexts.HandoffNotice] = HandoffNotice,
            [EngineTexts.HandoffFrustration] = "看得出这次的体验不太好，真的很抱歉。我这就为您转接人工客服，由同事为您处理。",
            [EngineTexts.ConfirmAgain] = "请回答“是”或“不是”。",
            [EngineTexts.ActionFailed] = "抱歉，暂时无法获取这项信息。请稍后再试，或告诉我为您转接人工客服。",
            [EngineTexts.YesNothingAsked] = "好的！请问有什么可以帮您？",
            [HelpTexts.LeftQueue] = "好的，已为您退出人工客服的排队。还有什么可以帮您的吗？",
            [HelpTexts.LeftForm] = "好的，已为您停止办理，没有做任何更改。还有什么可以帮您的吗？",
            [HelpTexts.NothingLeft] = "好的，一切保持不变。如果还有其他问题，随时问我。",
            [HelpTexts.SecondMiss] = "抱歉，我还是没能理解。我可以帮您办理以下事项，请选择一项；或者我为您转接人工客服。需要为您转接吗？",
            [HelpTexts.IAmABot] = "是的，我是店铺的智能客服，不是真人。我可以帮您查询订单、办理退货、查找商品；需要时也可以为您转接人工客服。需要为您转接吗？",
            [HelpTexts.NextStepNoOrder] = "我们的客服同事可以和您一起处理这个问题。需要我为您转接吗？或者告诉我您的订单号，我来帮您查询。",
            [EngineTexts.NoNothingAsked] = "好的。如果还有其他问题，随时问我：我可以帮您查询订单、办理退货、查找商品，以及解答配送问题。",
            [EngineTexts.TellMeMore] = "能再具体说说您需要什么吗？我可以帮您查询订单、办理退货或退款、查找商品，或为您转接人工客服。",
            [EngineTexts.UpsetUnsure] = "真的很抱歉，听起来让您很困扰。请告诉我发生了什么（提供订单号会更快），或者我现在就为您转接人工客服。",
            [EngineTexts.DoesNotFit] = "很抱歉不合适！我可以帮您换一个尺码，或者办理退货退款。您想选哪一种？",
            // Button labels and what they send.
            [TalkToPerson] = "转人工客服",
            [TalkToPersonText] = "我要找人工客服",
            // promo_code's button after a code that does not work; it sends promo_code's own Chinese button phrase.
            ["Which codes can I use?"] = "有哪些优惠码可用？",
            ["which discount codes can I use"] = "有优惠码吗",
            ["Yes"] = "是的",
            ["No"] = "不用了",
        };

        /// <summary>An order, return or refund status (snake_case, as in the shop's views) in Chinese.</summary>
        public static string? Status(string status) => status switch
        {
            "pending_payment" => "等待付款",
            "paid" => "已付款，等待打包",
            "processing" => "正在处理",
            "shipped" => "已发货",
            "out_for_delivery" => "正在派送",
            "delivered" => "已送达",
            "cancelled" => "已取消",
            "return_requested" => "已申请退货",
            "returned" => "已退货",
            "refunded" => "已退款",
            "requested" => "已申请",
            "in_transit" => "退回途中",
            "received" => "已收到退货",
            "rejected" => "未通过",
            "pending" => "待处理",
            "completed" => "已完成",
            _ => null,
        };

        /// <summary>The Chinese for one of the engine's English sentences or labels; the text itself when it has none.</summary>
        public static string Of(string english) => Sentences.TryGetValue(english, out var chinese) ? chinese : english;
    }
}
