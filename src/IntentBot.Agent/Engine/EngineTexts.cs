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
}
