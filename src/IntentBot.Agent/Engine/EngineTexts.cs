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
        public static string VerifyMismatch(string order) => $"抱歉，这与订单 {order} 的信息不符。请核对下单时使用的电子邮箱或邮政编码。";
        public static string VerifyEmailMismatch(string order) => $"抱歉，这与订单 {order} 的电子邮箱不符。请核对下单时使用的电子邮箱。";
        public static string VerifyEmailNeeded(string order) => $"邮政编码只能用于查询物流。办理此项需要订单 {order} 下单时使用的电子邮箱。";
        public static string VerifyGaveUp(string order) => $"抱歉，我无法确认订单 {order} 属于您，因此无法在这里显示或修改。如果您有账户，请在我们的网站登录后再打开聊天；也可以由客服同事用其他方式帮您核实。需要为您转接人工客服吗？";
        public const string Clarify = "抱歉，我没有完全理解。我可以帮您查询订单、办理退货退款、查找商品、查询优惠码，或为您转接人工客服。";
        public const string HandoffNotice = "好的，正在为您转接人工客服。他们能看到我们之前的对话，您无需重复。";
    }
}
