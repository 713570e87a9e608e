using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Fills a dialog's slots: from the message that starts it and what the conversation already knows, from the parts of
/// an address, and decides whether a message a slot's validator accepted reads as the answer or as a new request.
/// </summary>
internal static class SlotFiller
{
    /// <summary>The name the dialogs give a request's reason ("why are you returning it?"): said with the request, it is taken.</summary>
    public const string ReasonSlot = "reason";

    /// <summary>Takes what it can from the words that start a dialog ("where is W100001") and what the conversation
    /// already knows (the order "it" refers to, the e-mail given before).</summary>
    /// <param name="orderNumber">The order the dialog is about when the message points at it ("when will it arrive?").</param>
    public static void Prefill(Turn t, DialogDefinition dialog, string source, string? orderNumber)
    {
        foreach (var slot in dialog.Slots.Where(s => s.Extract ?? (s.Type != SlotValidators.Text || s.Name == ReasonSlot)))
        {
            var value = SlotValidators.Recognise(slot.Type, source, wholeAnswer: false) ?? slot.Type switch
            {
                SlotValidators.Country => Entities.Read(source).Country,
                SlotValidators.Email => t.Memory.Email,
                SlotValidators.OrderNumber => orderNumber ?? (Cues.RefersBack(source) || Cues.ConcernIn(source) == Cues.NotReceived
                    || FollowsOrderAnswer(t, dialog, source) ? t.Memory.Order : null),
                // "a refund for W100003 because it's too small": the reason is said already.
                SlotValidators.Text when slot.Name == ReasonSlot => Cues.ReasonIn(source),
                SlotValidators.Product when Cues.RefersBack(source) => t.Memory.Product,
                // "she loves cooking": no product named, but a kind of product to recommend from.
                SlotValidators.Product when dialog.Intent == DialogRunner.Recommendation => Interests.CategoryIn(source) ?? t.Memory.Interest,
                // The catalog's names are English: a Chinese question names its kind of product ("耳机" → headphones).
                SlotValidators.Product when Language.Detect(source) == Language.Chinese => Interests.CategoryIn(source),
                _ => null,
            };
            if (value is not null) t.Set(dialog.Intent, slot.Name, value);
        }
    }

    /// <summary>
    /// A request about an order right after that order's status was shown ("can i still change the address?", the
    /// "Cancel an order" button under it): it is about that order unless the shopper says another one.
    /// </summary>
    private static bool FollowsOrderAnswer(Turn t, DialogDefinition dialog, string source) =>
        dialog.Intent != "track_order" && t.Original.RecentIntents is [.., "track_order"] && !Cues.MeansOtherOrder(source);

    /// <summary>Whether the dialog asks for an address (it has a street slot).</summary>
    public static bool IsAddressForm(DialogDefinition dialog) => dialog.Slots.Any(s => s.Type == SlotValidators.Street);

    /// <summary>Fills every address part the message gives; a later part replaces an earlier one ("Musterweg 1, 12345
    /// Berlin" at the city prompt corrects the postcode too). False when it gave none.</summary>
    public static bool FillAddress(Turn t, DialogDefinition dialog, string askedType, string text)
    {
        var parts = AddressParser.Read(text, askedType);
        var filled = false;
        foreach (var part in dialog.Slots.Where(s => SlotValidators.AddressParts.Contains(s.Type)))
        {
            if (parts.For(part.Type) is not { } value) continue;
            t.Set(dialog.Intent, part.Name, value);
            filled = true;
        }
        return filled;
    }

    /// <summary>Whether a message that a slot's validator accepted reads as the answer rather than as a new request:
    /// a product or order-number answer is short, free text (a street) holds data; other slot types recognise only
    /// what they ask for, so whatever they accept is the answer.</summary>
    public static bool LooksLikeAnswer(string slotType, string text) => slotType switch
    {
        SlotValidators.Product => IsShortAnswer(text),
        // "my order number is W100003" answers "which order?" even when the model is sure it is about tracking.
        SlotValidators.OrderNumber => IsShortAnswer(text) || Cues.IsBareOrderNumber(text),
        SlotValidators.Text => LooksLikeData(text),
        _ => true,
    };

    /// <summary>An answer that carries data (a number, a postcode, a short name) rather than a new request.</summary>
    public static bool LooksLikeData(string text) => text.Any(char.IsDigit) || IsShortAnswer(text);

    private static bool IsShortAnswer(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && !text.Contains('?');
}
