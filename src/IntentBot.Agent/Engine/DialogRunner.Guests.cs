using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Shop;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Engine;

/// <summary>Guest verification inside a dialog: an order is shown or changed for a guest only once they proved it is theirs.</summary>
internal sealed partial class DialogRunner
{
    private const string VerifySlot = "_verify";

    /// <summary>The order number the dialog works on, when it has one.</summary>
    private static string? OrderOf(Turn t, DialogDefinition dialog) =>
        dialog.Slots.Where(s => s.Type == SlotValidators.OrderNumber).Select(s => t.Get(dialog.Intent, s.Name)).FirstOrDefault(v => v is not null);

    /// <summary>Whether a guest must prove this dialog's order with its e-mail address (it changes the order or shows
    /// personal data); otherwise the postcode does too (reading the status).</summary>
    private static bool NeedsEmail(DialogDefinition dialog) => dialog.GuestProof != GuestVerification.EmailOrPostcode;

    /// <summary>The orders proved well enough for this dialog, with their owners.</summary>
    private static IReadOnlyDictionary<string, string> Proven(Turn t, DialogDefinition dialog) =>
        NeedsEmail(dialog) ? t.Memory.VerifiedByEmail : t.Memory.Verified;

    /// <summary>
    /// The customer this turn acts for: the signed-in customer; for a guest, the owner of the dialog's order once the
    /// guest proved it is theirs well enough for this dialog; else "" (matches no order). Dialogs compare an order's owner with it.
    /// </summary>
    private static string CustomerId(Turn t, DialogDefinition dialog)
    {
        if (t.SignedIn) return t.UserId;
        return OrderOf(t, dialog) is { } order && Proven(t, dialog).TryGetValue(order, out var owner) ? owner : "";
    }

    /// <summary>Too many wrong answers for this order, or for all orders of the conversation: no more guessing.</summary>
    private static bool GaveUp(Turn t, string number) =>
        t.Memory.VerifyFailures(number) >= GuestVerification.MaxFailures || t.Memory.AllVerifyFailures >= GuestVerification.MaxFailuresPerConversation;

    /// <summary>True when the dialog may go on; false when it asked the guest to prove the order, or gave up.</summary>
    private async Task<bool> GuestMayProceedAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        if (t.SignedIn || guests is null || OrderOf(t, dialog) is not { } number || Proven(t, dialog).ContainsKey(number)) return true;
        var order = await FindOrderAsync(t, dialog, number, ct);
        if (order is null) return true; // unknown order (or the shop is down): the dialog's own answers say so
        if (GaveUp(t, number))
        {
            await RefuseUnverifiedAsync(t, dialog, number, ct);
            return false;
        }
        // What the guest said earlier in the conversation counts ("W100023, my e-mail is ..."); a postcode only where
        // it is enough: one given to track an order does not let anyone cancel it.
        var emailOnly = NeedsEmail(dialog);
        var said = new Entities(Email: t.Memory.Email, Postcode: emailOnly ? null : t.Memory.Postcode ?? t.Said.Postcode);
        if (said.Email is not null || said.Postcode is not null)
        {
            var proof = await guests.ProveAsync(order, said, postcodeCounts: !emailOnly, ct);
            if (proof != GuestProof.None)
            {
                t.Memory.AddVerified(number, order.CustomerId, byEmail: proof == GuestProof.Email);
                return true;
            }
        }
        t.Set(dialog.Intent, Await, VerifySlot);
        var request = dialog.Title.Length > 0 ? dialog.Title : "Your order";
        Say(t, emailOnly
                ? Localised(t, EngineTexts.VerifyEmailPrompt(number, request), EngineTexts.Zh.VerifyEmailPrompt(number))
                : Localised(t, EngineTexts.VerifyPrompt(number, request), EngineTexts.Zh.VerifyPrompt(number)),
            [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        return false;
    }

    /// <summary>The guest's answer to "the e-mail address (or postcode) on the order": true when it was one (right or
    /// wrong). Every wrong answer counts towards <see cref="GuestVerification.MaxFailures"/>, a postcode where only the
    /// e-mail address proves enough included.</summary>
    private async Task<bool> TryVerifyAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        if (t.Said.Email is null && t.Said.Postcode is null) return false;
        var number = OrderOf(t, dialog);
        var order = number is null ? null : await FindOrderAsync(t, dialog, number, ct);
        if (number is null || order is null) { await AdvanceAsync(t, dialog, ct); return true; }
        if (GaveUp(t, number))
        {
            await RefuseUnverifiedAsync(t, dialog, number, ct);
            return true;
        }
        if (t.Said.Postcode is { } postcode) t.Memory.Postcode = postcode;
        var emailOnly = NeedsEmail(dialog);
        var proof = await guests!.ProveAsync(order, t.Said, postcodeCounts: !emailOnly, ct);
        if (proof != GuestProof.None)
        {
            t.Memory.AddVerified(number, order.CustomerId, byEmail: proof == GuestProof.Email);
            t.Set(dialog.Intent, Tries, null);
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        t.Memory.AddVerifyFailure(number);
        if (GaveUp(t, number))
        {
            await RefuseUnverifiedAsync(t, dialog, number, ct);
            return true;
        }
        var retry = !emailOnly ? Localised(t, EngineTexts.VerifyMismatch(number), EngineTexts.Zh.VerifyMismatch(number))
            : t.Said.Email is null ? Localised(t, EngineTexts.VerifyEmailNeeded(number), EngineTexts.Zh.VerifyEmailNeeded(number))
            : Localised(t, EngineTexts.VerifyEmailMismatch(number), EngineTexts.Zh.VerifyEmailMismatch(number));
        Say(t, retry, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        return true;
    }

    private async Task RefuseUnverifiedAsync(Turn t, DialogDefinition dialog, string number, CancellationToken ct)
    {
        Finish(t, dialog.Intent);
        Say(t, Localised(t, EngineTexts.VerifyGaveUp(number), EngineTexts.Zh.VerifyGaveUp(number)),
            [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        t.Memory.YesMeans = "@" + HumanIntent;
        await ResumeAsync(t, ct);
    }

    private async Task<Order?> FindOrderAsync(Turn t, DialogDefinition dialog, string number, CancellationToken ct)
    {
        try { return await guests!.FindAsync(number, ct); }
        catch (ShopUnavailableException e)
        {
            logger.LogWarning(e, "Could not look up order {Order} to verify a guest in dialog {Dialog}", number, dialog.Intent);
            return null;
        }
    }
}
