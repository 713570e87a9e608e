using IntentBot.Agent.Cards;
using IntentBot.Agent.Dialogs;
using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Builds the turn's replies in the conversation's language: the message, its buttons ("@intent" is that dialog's
/// button, "Title|text" sends text), its cards, and the apology to an upset shopper.
/// </summary>
internal sealed class ReplyBuilder(DialogCatalog catalog)
{
    /// <summary>Adds a message. A suggestion "@intent" becomes that dialog's button; "Title|text" sends text.</summary>
    public void Say(Turn t, string text, IEnumerable<string>? suggestions = null, IReadOnlyList<Attachment>? attachments = null)
    {
        var reply = t.Incoming.CreateReply(InLanguage(t, text));
        var actions = (suggestions ?? []).Select(s => ToAction(t, s)).OfType<CardAction>().ToList();
        if (actions.Count > 0) reply.SuggestedActions = new SuggestedActions { Actions = actions };
        if (attachments is { Count: > 0 })
        {
            reply.Attachments = [.. attachments];
            if (attachments.Count > 1) reply.AttachmentLayout = "carousel";
        }
        t.Replies.Add(reply);
    }

    /// <summary>
    /// A suggestion as a button in the conversation's language: "@intent" is that dialog's button (its title, and the
    /// phrase it sends in that language so the answer stays in it); "Title|text" sends text; else the title is sent.
    /// </summary>
    public CardAction? ToAction(Turn t, string suggestion)
    {
        if (suggestion.StartsWith('@'))
            return catalog.Find(suggestion[1..]) is { } d ? CardAction.ImBack(TitleOf(t, d), Localised(t, d.Example, d.ExampleTranslations)) : null;
        var bar = suggestion.IndexOf('|');
        var (title, text) = bar > 0 ? (suggestion[..bar], suggestion[(bar + 1)..]) : (suggestion, suggestion);
        return CardAction.ImBack(InLanguage(t, title), InLanguage(t, text));
    }

    /// <summary>Puts the apology for the shopper's frustration in front of the first message and the offer of a person after it.</summary>
    public static void AddEmpathy(Turn t)
    {
        var first = t.Replies.FirstOrDefault(r => r.Type == ActivityTypes.Message);
        if (first is null) return;
        // A reply that already apologises (a complaint's own answer) gets no second apology, only the offer of a person.
        var empathy = Localised(t, EngineTexts.Empathy, EngineTexts.Zh.Empathy);
        var offerHuman = Localised(t, EngineTexts.OfferHuman, EngineTexts.Zh.OfferHuman);
        var space = t.Memory.Language == Language.Chinese ? "" : " "; // Chinese sentences follow each other without spaces
        first.Text = first.Text?.Contains("sorry", StringComparison.OrdinalIgnoreCase) == true || first.Text?.Contains("抱歉", StringComparison.Ordinal) == true
            ? first.Text + space + offerHuman
            : empathy + space + first.Text + space + offerHuman;
        var last = t.Replies.Last(r => r.Type == ActivityTypes.Message);
        last.SuggestedActions ??= new SuggestedActions();
        var talk = InLanguage(t, EngineTexts.TalkToPerson);
        if (!last.SuggestedActions.Actions.Any(a => a.Title == talk))
            last.SuggestedActions.Actions.Insert(0, CardAction.ImBack(talk, InLanguage(t, EngineTexts.TalkToPersonText)));
    }

    /// <summary>The card a response names ("order:result", "product:found", "products:found") from that action's output.</summary>
    public static IReadOnlyList<Attachment> Cards(Turn t, string? card)
    {
        if (card is null) return [];
        var parts = card.Split(':', 2);
        if (!t.Outputs.TryGetValue(parts[1], out var json)) return [];
        return parts[0] switch
        {
            "order" => AdaptiveCards.Order(json, CardLanguage(t)) is { } a ? [a] : [],
            "product" => AdaptiveCards.Product(json, CardLanguage(t)) is { } p ? [p] : [],
            _ => AdaptiveCards.Products(json, language: CardLanguage(t)),
        };
    }

    /// <summary>The text in the conversation's language when the dialog has it, else the English one.</summary>
    public static string Localised(Turn t, string text, Dictionary<string, string>? translations) =>
        Localised(t.Memory.Language, text, translations);

    /// <summary>The text in <paramref name="language"/> when the dialog has it, else the English one.</summary>
    public static string Localised(string? language, string text, Dictionary<string, string>? translations) =>
        language is not null && language != Language.English && translations is not null
            && translations.TryGetValue(language, out var translated) && translated.Length > 0 ? translated : text;

    public static string Localised(Turn t, string english, string chinese) =>
        t.Memory.Language == Language.Chinese ? chinese : english;

    /// <summary>One of the engine's fixed sentences or labels in the conversation's language.</summary>
    public static string InLanguage(Turn t, string english) =>
        t.Memory.Language == Language.Chinese ? EngineTexts.Zh.Of(english) : english;

    /// <summary>A dialog's button title in the conversation's language.</summary>
    public static string TitleOf(Turn t, DialogDefinition dialog) => Localised(t, dialog.Title, dialog.TitleTranslations);

    /// <summary>The language of a card's labels: the conversation's.</summary>
    public static string CardLanguage(Turn t) => t.Memory.Language ?? Language.English;
}
