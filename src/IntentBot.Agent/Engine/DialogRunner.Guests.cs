using IntentBot.Agent.Dialogs;
using IntentBot.Context.State;
using IntentBot.Shop;
using Microsoft.Extensions.Logging;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>Guest verification inside a dialog: an order is shown or changed for a guest only once they proved it is theirs.</summary>
internal sealed partial class DialogRunner
{
    /// <summary>Too many wrong answers for this order, or for all orders of the conversation: no more guessing.</summary>
    private static bool GaveUp(Turn t, string number) =>
        t.Memory.VerifyFailures(number) >= GuestVerification.MaxFailures || t.Memory.AllVerifyFailures >= GuestVerification.MaxFailuresPerConversation;

    /// <summary>True when the dialog may go on; false when it asked the guest to prove the order, or gave up.</summary>
    private async Task<bool> GuestMayProceedAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        if (t.SignedIn || guests is null || GuestVerification.OrderOf(t, dialog) is not { } number || GuestVerification.Proven(t, dialog).ContainsKey(number)) return true;
        var order = await FindOrderAsync(t, dialog, number, ct);
        if (order is null) return true; // unknown order (or the shop is down): the dialog's own answers say so
        if (GaveUp(t, number))
        {
            await RefuseUnverifiedAsync(t, dialog, number, ct);
            return false;
        }
        // What the guest said earlier in the conversation counts ("W100023, my e-mail is ..."); a postcode only where
        // it is enough: one given to track an order does not let anyone cancel it.
        var emailOnly = GuestVerification.NeedsEmail(dialog);
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
        t.Update(dialog.Intent, p => p with { Asked = DialogQuestion.GuestProof, AskedSlot = null });
        var request = dialog.Title.Length > 0 ? dialog.Title : "Your order";
        replies.Say(t, emailOnly
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
        var number = GuestVerification.OrderOf(t, dialog);
        var order = number is null ? null : await FindOrderAsync(t, dialog, number, ct);
        if (number is null || order is null) { await AdvanceAsync(t, dialog, ct); return true; }
        if (GaveUp(t, number))
        {
            await RefuseUnverifiedAsync(t, dialog, number, ct);
            return true;
        }
        if (t.Said.Postcode is { } postcode) t.Memory.Postcode = postcode;
        var emailOnly = GuestVerification.NeedsEmail(dialog);
        var proof = await guests!.ProveAsync(order, t.Said, postcodeCounts: !emailOnly, ct);
        if (proof != GuestProof.None)
        {
            t.Memory.AddVerified(number, order.CustomerId, byEmail: proof == GuestProof.Email);
            t.Update(dialog.Intent, p => p with { Tries = 0 });
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
        replies.Say(t, retry, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        return true;
    }

    /// <summary>"ok", "yes" or anything else that is no e-mail address or postcode at the guest's proof question: the
    /// question again in other words, with what an answer looks like and the way to a person.</summary>
    private void AskProofAgain(Turn t, DialogDefinition dialog, string number)
    {
        var again = GuestVerification.NeedsEmail(dialog)
            ? Localised(t, EngineTexts.VerifyEmailAgain(number), EngineTexts.Zh.VerifyEmailAgain(number))
            : Localised(t, EngineTexts.VerifyAgain(number), EngineTexts.Zh.VerifyAgain(number));
        replies.Say(t, again, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
    }

    private async Task RefuseUnverifiedAsync(Turn t, DialogDefinition dialog, string number, CancellationToken ct)
    {
        Finish(t, dialog.Intent);
        replies.Say(t, Localised(t, EngineTexts.VerifyGaveUp(number), EngineTexts.Zh.VerifyGaveUp(number)),
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
