using System.Text.RegularExpressions;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Nlu.Classification;
using IntentBot.Protocol.Activities;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Where shoppers got stuck: order questions the model puts out of scope ("where is W100007", "where is my stuff"),
/// the bot question, changing one's mind inside a form, follow-ups after an order answer ("what should i do",
/// "when do i get my money"), the same refusal twice, and messages in a language the dialogs have no texts for.
/// </summary>
internal sealed partial class DialogRunner
{
    private const string CheckRefundPolicy = "check_refund_policy";
    private const string TrackRefund = "track_refund";
    private const string DeliveryOptions = "delivery_options";

    // Confident readings an order number does not override: a person, a complaint, a payment problem.
    private static readonly HashSet<string> KeptWithOrderNumber =
        ["contact_human_agent", "contact_customer_service", "complaint", "payment_issue", "review"];

    // Answers that "and to the US?" or "what about express?" asks again about something else.
    private static readonly HashSet<string> AskedAgain =
        ["delivery_period", DeliveryOptions, CheckRefundPolicy, "check_payment_methods", "check_cancellation_fee", OpeningHours];

    /// <summary>Messages that are asides whatever is in progress: the bot question and leaving the form.</summary>
    private async Task<bool> AnswerAsideAsync(Turn t, CancellationToken ct)
    {
        if (Cues.AsksIfBot(t.Text))
        {
            replies.Say(t, HelpTexts.IAmABot, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
            if (t.Active is null) t.Memory.YesMeans = "@" + HumanIntent;
            return true;
        }
        // Another language inside a form is no answer to its question: the notice and a person, the form kept.
        if (t.Active is not null && Language.Detect(t.Text) == Language.Unsupported && t.Said.OrderNumber is null
            && t.Said.Email is null && !t.Text.Any(char.IsDigit))
        {
            await AnswerForeignAsync(t, ct);
            return true;
        }
        if (!Cues.LeavesForm(t.Text) || AnswersWithChangedMind(t)) return false;
        if (t.Active is not { } active)
        {
            // "nvm keep it" once nothing is in progress any more: nothing to stop, and no request to ask about.
            RecordIntent(t);
            replies.Say(t, HelpTexts.NothingLeft, EngineTexts.MainMenu);
            return true;
        }
        await LeaveFormAsync(t, catalog.Get(active), saidNo: false, ct);
        return true;
    }

    /// <summary>"changed my mind" at the question for the return's reason, which offers it as an example: the reason,
    /// not leaving the form ("wait no, I changed my mind" still leaves).</summary>
    private bool AnswersWithChangedMind(Turn t) =>
        Cues.IsChangedMind(t.Text) && t.Active is { } active && catalog.Find(active) is { } dialog && AskedSlot(t, dialog)?.Name == SlotFiller.ReasonSlot;

    /// <summary>
    /// The order intent a message is about when it names an order ("where is W100007") or asks where a parcel is
    /// ("wtf where is my shit"), unless the model is sure of an order intent of its own or of a person; null when
    /// the message is about something else.
    /// </summary>
    private string? OrderRequest(Turn t) => OrderRequest(t.Text, t.Said.OrderNumber, t.Memory.Order, t.Nlu);

    /// <summary><see cref="OrderRequest(Turn)"/> for any words: a whole message, or one request of two in a message.</summary>
    private string? OrderRequest(string text, string? orderNumber, string? rememberedOrder, ClassificationResult nlu)
    {
        var notReceived = Cues.ReportsNotReceived(text) && (orderNumber ?? rememberedOrder) is not null;
        if (orderNumber is null && !Cues.AsksWhereOrderIs(text) && !notReceived) return null;
        if (catalog.Find(TrackOrder) is null) return null;
        if (notReceived) return TrackOrder;
        var intent = nlu.Intent;
        var sure = !nlu.OutOfScope && intent.Confidence >= options.ClarifyBelow;
        if (sure && (KeptWithOrderNumber.Contains(intent.Label) || HasOrderSlot(intent.Label))) return null;
        // The likeliest order intent the model saw at all ("cancel W1000..." read out of scope), else tracking.
        return nlu.Intents.Where(i => i.Label != OutOfScope && i.Confidence >= LikelyOrderIntent)
            .Select(i => i.Label).FirstOrDefault(HasOrderSlot) ?? TrackOrder;
    }

    private const double LikelyOrderIntent = 0.15;

    private bool HasOrderSlot(string intent) =>
        catalog.Find(intent)?.Slots.Any(s => s.Type == SlotValidators.OrderNumber) == true;

    /// <summary>"where is W10001": a number one digit off gets told so, and the order number is asked for.</summary>
    private async Task<bool> AnswerMalformedOrderNumberAsync(Turn t, CancellationToken ct)
    {
        if (t.Said.OrderNumber is not null || Cues.MalformedOrderNumber(t.Text) is not { } number) return false;
        var intent = !t.Nlu.OutOfScope && t.Nlu.Intent.Confidence >= options.ClarifyBelow && HasOrderSlot(t.Nlu.Intent.Label)
            ? t.Nlu.Intent.Label : TrackOrder;
        if (catalog.Find(intent) is not { } dialog) return false;
        t.Nlu = Cues.Read(t.Nlu, intent);
        RecordIntent(t);
        replies.Say(t, Localised(t, HelpTexts.NotAnOrderNumber(number), HelpTexts.Zh.NotAnOrderNumber(number)));
        await StartAsync(t, dialog, ct);
        return true;
    }

    /// <summary>
    /// A short follow-up the model cannot place on its own, read against what was just discussed: "what should i
    /// do" after an order problem, "when do i get my money" about the order, "can u make it faster", "and to the US?".
    /// </summary>
    private async Task<bool> AnswerFollowUpAsync(Turn t, CancellationToken ct)
    {
        if (!t.Nlu.OutOfScope && t.Nlu.Intent.Confidence >= options.ClarifyBelow) return false;
        var last = t.RecentIntents.LastOrDefault();
        if (Cues.AsksNextStep(t.Text))
        {
            RecordIntent(t);
            replies.Say(t, t.Memory.Order is { } order ? Localised(t, HelpTexts.NextStep(order), HelpTexts.Zh.NextStep(order)) : HelpTexts.NextStepNoOrder,
                [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, "@" + TrackOrder]);
            t.Memory.YesMeans = "@" + HumanIntent;
            return true;
        }
        if (Cues.AsksAboutMoney(t.Text) && t.Memory.Order is { } about && catalog.Find(TrackRefund) is { } refund)
            return await StartFollowUpAsync(t, refund, orderNumber: about, ct);
        if (Cues.AsksFaster(t.Text) && (last is TrackOrder or "delivery_period" or DeliveryOptions || t.Memory.Order is not null)
            && catalog.Find(DeliveryOptions) is { } options_)
            return await StartFollowUpAsync(t, options_, orderNumber: null, ct);
        if (Cues.AsksAboutAnother(t.Text) && last is not null && AskedAgain.Contains(last) && catalog.Find(last) is { } again)
            return await StartFollowUpAsync(t, again, orderNumber: null, ct);
        return false;
    }

    private async Task<bool> StartFollowUpAsync(Turn t, DialogDefinition dialog, string? orderNumber, CancellationToken ct)
    {
        t.Nlu = Cues.Read(t.Nlu, dialog.Intent);
        RecordIntent(t);
        await StartAsync(t, dialog, ct, orderNumber: orderNumber);
        return true;
    }

    /// <summary>A message in a language the dialogs have no texts for: one sentence in it, the English notice and a
    /// person; an order number in it is still looked up.</summary>
    private async Task AnswerForeignAsync(Turn t, CancellationToken ct)
    {
        // "merci" or "gracias" once the shopper has had the notice is thanks, not a second notice: they are thanked and
        // the question still open is asked again.
        if (Language.IsCourtesy(t.Text) && t.Transcript.Any(l => l.Contains(EngineTexts.UnsupportedLanguage, StringComparison.Ordinal)))
        {
            RecordIntent(t);
            var open = t.Active is { } active ? catalog.Find(active) : null;
            replies.Say(t, Language.IsThanks(t.Text) ? HelpTexts.WelcomeForeign : HelpTexts.HelloForeign,
                open is null ? [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, .. EngineTexts.MainMenu.Take(2)] : null);
            if (open is not null) await AdvanceAsync(t, open, ct);
            else t.Memory.YesMeans = "@" + HumanIntent;
            return;
        }
        var notice = (HelpTexts.EnglishOnly(Language.Foreign(t.Text) ?? "") + " " + EngineTexts.UnsupportedLanguage).Trim();
        if (t.Said.OrderNumber is not null && catalog.Find(ForeignOrderRequest(t.Text) ?? TrackOrder) is { } request)
        {
            replies.Say(t, notice);
            t.Nlu = Cues.Read(t.Nlu, request.Intent);
            RecordIntent(t);
            await StartAsync(t, request, ct);
            return;
        }
        RecordIntent(t);
        replies.Say(t, notice, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        t.Memory.YesMeans = "@" + HumanIntent;
    }

    /// <summary>What a message in another language asks about the order it names: "stornieren", "annuler",
    /// "cancelar", "annullare", "キャンセル" cancel it; "zurückgeben", "retourner", "devolver", "返品" return it; else null
    /// (it is tracked).</summary>
    private static string? ForeignOrderRequest(string text) =>
        ForeignCancel().IsMatch(text) ? "cancel_order" : ForeignReturn().IsMatch(text) ? GetRefund : null;

    [GeneratedRegex(@"stornier|annul|cancel|キャンセル|取り消", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignCancel();

    [GeneratedRegex(@"zurückgeb|zurücksend|rücksendung|retourn|rembours|devolv|devoluci|reembols|restituir|\breso\b|rimbors|返品|返金", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignReturn();

    /// <summary>The same refusal twice in a row becomes the menu and the offer of a person: a shopper who was not
    /// understood twice needs a way forward, not the same sentence.</summary>
    private void AvoidRepeatedRefusal(Turn t, string? previous)
    {
        if (previous is null || t.HandedOff || t.Active is not null) return;
        var reply = t.Replies.FirstOrDefault(r => r.Type == ActivityTypes.Message);
        if (reply?.Text is not { } text || "bot: " + text != previous) return;
        if (t.RecentIntents.LastOrDefault() != OutOfScope && text != InLanguage(t, EngineTexts.TellMeMore) && text != InLanguage(t, EngineTexts.Clarify)) return;
        reply.Text = InLanguage(t, HelpTexts.SecondMiss);
        reply.SuggestedActions = new SuggestedActions
        {
            Actions = [.. new[] { EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText }.Concat(EngineTexts.MainMenu.Take(3))
                .Select(s => replies.ToAction(t, s)).OfType<CardAction>()],
        };
        t.Memory.YesMeans = "@" + HumanIntent;
    }
}
