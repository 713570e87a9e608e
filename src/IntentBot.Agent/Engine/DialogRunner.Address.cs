using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;

namespace IntentBot.Agent.Engine;

/// <summary>Answers to an address form (a dialog with a street slot): one answer may give several parts, each part
/// is validated, and a message that only says stop ends the form instead of being saved as an address.</summary>
internal sealed partial class DialogRunner
{
    /// <summary>True or false when the message was an address form's business (handled or not an answer); null when the
    /// usual slot rules decide (another slot type, or a dialog without an address).</summary>
    private async Task<bool?> TryAnswerAddressAsync(Turn t, DialogDefinition dialog, SlotDefinition slot, CancellationToken ct)
    {
        if (!dialog.Slots.Any(s => s.Type == SlotValidators.Street)) return null;
        var addressPart = SlotValidators.AddressParts.Contains(slot.Type);
        if (!addressPart && slot.Type != SlotValidators.Text) return null;
        if (AddressParser.IsCancelPhrase(t.Text))
        {
            await DeclineAsync(t, dialog, ct);
            return true;
        }
        if (!addressPart) return null;
        var parts = AddressParser.Read(t.Text, slot.Type);
        var filled = false;
        // A later part replaces an earlier one: "Musterweg 1, 12345 Berlin" at the city prompt corrects the postcode too.
        foreach (var part in dialog.Slots.Where(s => SlotValidators.AddressParts.Contains(s.Type)))
        {
            if (parts.For(part.Type) is not { } value) continue;
            t.Set(dialog.Intent, part.Name, value);
            filled = true;
        }
        if (!filled) return false;
        t.Set(dialog.Intent, Tries, null);
        await AdvanceAsync(t, dialog, ct);
        return true;
    }

    /// <summary>The shopper said no (to the confirmation, or stop in the middle): nothing is done, the dialog ends.</summary>
    private async Task DeclineAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var declined = dialog.Confirm is { Declined.Length: > 0 } confirm ? await RenderAsync(t, dialog, Localised(t, confirm.Declined, confirm.DeclinedTranslations), ct) : EngineTexts.Cancelled;
        Finish(t, dialog.Intent);
        Say(t, declined, dialog.Suggestions.Count > 0 ? dialog.Suggestions : EngineTexts.MainMenu);
        await ResumeAsync(t, ct);
    }
}
