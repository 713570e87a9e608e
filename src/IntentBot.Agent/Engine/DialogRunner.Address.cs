using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Context.State;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>Answers to an address form (a dialog with a street slot): one answer may give several parts, each part
/// is validated; and leaving a form, by a no to its confirmation or by stopping midway.</summary>
internal sealed partial class DialogRunner
{
    /// <summary>True or false when the message was an address form's business (handled or not an answer); null when the
    /// usual slot rules decide (another slot type, or a dialog without an address).</summary>
    private async Task<bool?> TryAnswerAddressAsync(Turn t, DialogDefinition dialog, SlotDefinition slot, CancellationToken ct)
    {
        if (!SlotFiller.IsAddressForm(dialog) || !SlotValidators.AddressParts.Contains(slot.Type)) return null;
        if (!SlotFiller.FillAddress(t, dialog, slot.Type, t.Text)) return false;
        t.Update(dialog.Intent, p => p with { Tries = 0 });
        await AdvanceAsync(t, dialog, ct);
        return true;
    }

    /// <summary>
    /// The shopper leaves the form: a no to its confirmation (<paramref name="saidNo"/>) or a stop midway. Nothing is
    /// done and the dialog ends. A no, or stopping an address form (which says what stays as it was), gets the dialog's
    /// declined sentence when it has one; else a no is "cancelled" and a stop midway is "left the form", with the menu.
    /// </summary>
    private async Task LeaveFormAsync(Turn t, DialogDefinition dialog, bool saidNo, CancellationToken ct)
    {
        var address = SlotFiller.IsAddressForm(dialog);
        var declining = address || t.ProgressOf(dialog.Intent).Asked == DialogQuestion.Confirmation;
        var text = declining && dialog.Confirm is { Declined.Length: > 0 } confirm
            ? await RenderAsync(t, dialog, Localised(t, confirm.Declined, confirm.DeclinedTranslations), ct)
            : saidNo || address ? EngineTexts.Cancelled : HelpTexts.LeftForm;
        Finish(t, dialog.Intent);
        replies.Say(t, text, text != HelpTexts.LeftForm && dialog.Suggestions.Count > 0 ? dialog.Suggestions : EngineTexts.MainMenu);
        await ResumeAsync(t, ct);
    }
}
