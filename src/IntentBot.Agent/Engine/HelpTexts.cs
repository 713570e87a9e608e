namespace IntentBot.Agent.Engine;

/// <summary>
/// The engine's sentences for the moments a shopper is stuck: a second miss in a row, the bot question, leaving a
/// form or the queue, the next step after an order problem, another language.
/// </summary>
internal static class HelpTexts
{
    /// <summary>Said instead of the same refusal twice in a row: the shopper gets the menu and a person, not a loop.</summary>
    public const string SecondMiss = "Sorry, I'm still not getting it. Here's what I can do for you: pick one of these, or I can put you through to a member of our team. Shall I get a person?";

    public const string IAmABot = "Yes, I'm the shop's virtual assistant, not a person. I can track orders, help with returns and find products, and a member of our team is there when you need one. Shall I get a person?";

    public const string LeftForm = "No problem, I've left that: nothing was changed. Is there anything else I can help with?";

    public const string NothingLeft = "Alright, everything stays as it is. If there's anything else, just ask.";

    public const string LeftQueue = "No problem, I've taken you out of the queue for our team. Is there anything else I can help with?";

    public static string NotAnOrderNumber(string number) =>
        $"{number} doesn't look like one of our order numbers: they start with W followed by 6 digits, e.g. W100001.";

    public static string NextStep(string order) =>
        $"A member of our team can look into order {order} with you and sort it out, for example a parcel that hasn't come, a redirect, a replacement or a refund. Shall I connect you?";

    public const string NextStepNoOrder = "A member of our team can look into it with you and sort it out. Shall I connect you? Or tell me your order number and I'll check it.";

    /// <summary>The sentences above that name an order or a number, in Chinese (the fixed ones are in <see cref="EngineTexts.Zh"/>).</summary>
    public static class Zh
    {
        public static string WhichOfYourOrders(string list) => $"请问是您的哪个订单？{list}。";
        public static string YourRecentOrders(string list) => $"您最近的订单：{list}。请问是哪一个？";
        public const string WhereIsTheNumber = "订单号在您的订单确认邮件里，格式如 W123456。如果找不到，可以登录后查看您的订单，或转人工客服帮您。";

        public static string NotAnOrderNumber(string number) =>
            $"{number} 看起来不像我们的订单号：订单号以 W 开头，后面是 6 位数字，例如 W100001。";

        public static string NextStep(string order) =>
            $"我们的客服同事可以和您一起处理订单 {order} 的问题，例如包裹未送达、改寄、补发或退款。需要我为您转接吗？";
    }

    /// <summary>"We answer in English (and Chinese)", in the shopper's language, before the English sentence.</summary>
    public static string WhichOfYourOrders(string list) => $"Which of your orders is it? {list}.";
    public static string YourRecentOrders(string list) => $"Your recent orders: {list}. Which one is it?";
    public const string WhereIsTheNumber = "The order number is in your order confirmation e-mail and looks like W123456. If you can't find it, sign in to see your orders, or a member of our team can help.";
    public const string WelcomeForeign = "You're welcome!";
    public const string HelloForeign = "Hello again!";

    public static string EnglishOnly(string language) => language switch
    {
        "de" => "Entschuldigung, ich antworte nur auf Englisch (und Chinesisch), aber ich kann Sie mit einem Mitarbeiter verbinden.",
        "fr" => "Désolé, je ne réponds qu'en anglais (et en chinois), mais je peux vous mettre en relation avec un conseiller.",
        "es" => "Lo siento, solo respondo en inglés (y en chino), pero puedo ponerle en contacto con una persona de nuestro equipo.",
        "it" => "Mi dispiace, rispondo solo in inglese (e in cinese), ma posso metterla in contatto con una persona del nostro team.",
        "nl" => "Sorry, ik antwoord alleen in het Engels (en Chinees), maar ik kan u doorverbinden met een medewerker.",
        "pt" => "Desculpe, só respondo em inglês (e chinês), mas posso ligá-lo a uma pessoa da nossa equipa.",
        "ja" => "申し訳ございません。英語（と中国語）でのみ対応していますが、担当者におつなぎすることもできます。",
        _ => "",
    };
}
