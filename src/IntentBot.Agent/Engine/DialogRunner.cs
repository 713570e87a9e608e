using System.Text.Json;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Slots;
using IntentBot.Agent.Templates;
using IntentBot.Context.State;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>
/// One turn's decisions: continue or switch dialog, fill slots, confirm, act through the Kernel, answer.
/// Works on a <see cref="Turn"/> only; loading and saving state is the caller's job.
/// </summary>
internal sealed partial class DialogRunner(
    DialogCatalog catalog,
    TemplateRenderer renderer,
    IFreeFormResponder freeForm,
    AgentOptions options,
    TimeProvider clock,
    ILogger logger,
    ShopNameReading? shopNames = null,
    GuestVerification? guests = null,
    IntentBot.Shop.ICatalog? products = null,
    IntentBot.Nlu.ITextClassifier? classifier = null)
{
    private const string OutOfScope = "out_of_scope";
    private const string HumanIntent = "contact_human_agent";
    private const string Goodbye = "goodbye";

    private readonly ReplyBuilder replies = new(catalog);
    private readonly ActionInvoker plugins = new(renderer, logger);

    public async Task RunAsync(Turn t, CancellationToken ct)
    {
        var nlu = t.Nlu;
        var previousReply = t.Transcript.LastOrDefault(l => l.StartsWith("bot: ", StringComparison.Ordinal));
        t.Negative = Cues.IsNegative(t.Text, nlu.Sentiment.Label == "negative" && nlu.Sentiment.Confidence >= options.NegativeAbove, nlu.Sentiment.Confidence);
        t.Profile = t.Profile with { FrustrationStreak = t.Negative ? t.Profile.FrustrationStreak + 1 : 0, UpdatedUtc = clock.GetUtcNow() };
        t.AddTranscript("customer: " + t.Text, options.TranscriptLines);
        t.Said = Entities.Read(t.Text);
        t.Memory.Learn(t.Said);
        if (Interests.CategoryIn(t.Text) is { } interest) t.Memory.Interest = interest;
        // The answer language follows the shopper's current message: Chinese for a Chinese one, English again for
        // English words (an e-mail address or an order number alone says nothing about the language).
        var language = Language.Detect(t.Text);
        if (language == Language.Chinese) t.Memory.Language = Language.Chinese;
        else if (language == Language.English && t.Memory.Language == Language.Chinese && Language.HasEnglishWords(t.Text)
            && !AnswersInLatinScript(t))
            t.Memory.Language = Language.English;
        var askedYesNo = t.Memory.YesMeans;
        t.Memory.YesMeans = null; // a yes/no question outside a form is open for one turn only

        await DecideAsync(t, askedYesNo, ct);
        AvoidRepeatedRefusal(t, previousReply);
        OfferPendingRequest(t);

        if (t.Negative && !t.HandedOff && !t.Empathised) AddEmpathy(t);
        foreach (var reply in t.Replies.Where(r => r.Type == ActivityTypes.Message && r.Text is not null))
            t.AddTranscript("bot: " + reply.Text, options.TranscriptLines);
    }

    private async Task DecideAsync(Turn t, string? askedYesNo, CancellationToken ct)
    {
        var command = Commands.Parse(t.Text);
        if (command == Command.StartOver)
        {
            foreach (var dialog in t.Suspended.Append(t.Active).OfType<string>()) t.Clear(dialog);
            t.Active = null;
            t.Suspended.Clear();
            replies.Say(t, EngineTexts.StartOver, EngineTexts.MainMenu);
            return;
        }
        if (command == Command.Cancel)
        {
            if (t.Active is null) { replies.Say(t, EngineTexts.NothingToCancel, EngineTexts.MainMenu); return; }
            Finish(t, t.Active);
            replies.Say(t, EngineTexts.Cancelled, EngineTexts.MainMenu);
            await ResumeAsync(t, ct);
            return;
        }

        // Repeated frustration wins over everything else: a person takes over.
        if (t.Profile.FrustrationStreak >= options.FrustrationHandoffStreak)
        {
            RecordIntent(t);
            replies.Say(t, EngineTexts.HandoffFrustration);
            HandOff(t, "frustration");
            return;
        }

        // A dialog removed or renamed since the state was saved (a new release) is dropped, not crashed on.
        if (t.Active is { } stale && catalog.Find(stale) is null)
        {
            t.Clear(stale);
            t.Active = null;
        }
        // Asking for a person wins over any form: nobody should have to answer a question to reach a human.
        if (Cues.WantsPerson(t.Text) && catalog.Find(HumanIntent) is { } human && t.Active != HumanIntent)
        {
            t.Nlu = Cues.Read(t.Nlu, HumanIntent);
            RecordIntent(t);
            if (t.Active is { } form) t.Suspended.Add(form);
            t.Active = null;
            await StartAsync(t, human, ct);
            return;
        }
        if (await AnswerAsideAsync(t, ct)) return;
        if (t.Active is { } active)
        {
            var dialog = catalog.Get(active);
            if (await TryAnswerPendingAsync(t, dialog, ct)) return;
            if ((IsConfidentNewIntent(t, active) ?? OtherOrderRequest(t, dialog)) is { } interruption)
            {
                RecordIntent(t);
                if (interruption.Intent != active) t.Suspended.Add(active);
                t.Active = null;
                await StartAsync(t, interruption, ct);
                return;
            }
            await RepromptAsync(t, dialog, ct);
            return;
        }

        // An out-of-scope verdict gets its second reading (any other comes back as it is) only here, with no dialog
        // waiting: an answer to "which product?" ("the Ferro pan") must still fill the slot.
        var split = classifier is not null && await SplitRequestsAsync(t, classifier, ct);
        if (!split) t.Nlu = ReadCues(t);
        if (await AnswerOutsideFormAsync(t, askedYesNo, ct)) return;
        if (shopNames is not null) t.Nlu = await shopNames.ReadAsync(t.Text, t.Nlu, ct);
        if (await TryShoppingReadingAsync(t, ct)) return;
        if (ProductNearTie(t)) t.Nlu = Cues.Read(t.Nlu, ProductInquiry);
        RecordIntent(t);
        // An upset shopper whose message the model is unsure of gets an apology and a person, not "did you mean".
        if (t.Negative && !t.Nlu.OutOfScope && t.Nlu.Intent.Confidence < options.ClarifyBelow)
        {
            replies.Say(t, EngineTexts.UpsetUnsure, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, "@track_order", "@get_refund"]);
            t.Memory.YesMeans = "@" + HumanIntent;
            t.Empathised = true;
            return;
        }
        if (t.Nlu.OutOfScope)
        {
            await AnswerOutOfScopeAsync(t, ct);
            return;
        }
        if (t.Nlu.Intent.Confidence < options.ClarifyBelow)
        {
            Clarify(t);
            return;
        }
        await StartAsync(t, catalog.Get(t.Nlu.Intent.Label), ct);
    }

    private DialogDefinition? IsConfidentNewIntent(Turn t, string active)
    {
        var intent = t.Nlu.Intent;
        // "yes", "ok" or "是" at a form's question is never another request, however the model reads it.
        if (t.Nlu.OutOfScope || intent.Confidence < options.InterruptAbove || intent.Label == active || Cues.ShortYesNo(t.Text) is not null) return null;
        return catalog.Find(intent.Label) is { Interrupts: true } dialog ? dialog : null;
    }

    private static void RecordIntent(Turn t) => t.RecentIntents.Add(t.Nlu.OutOfScope ? OutOfScope : t.Nlu.Intent.Label);

    /// <summary>Starts a dialog, taking what it can from the message that started it (<see cref="SlotFiller.Prefill"/>).</summary>
    /// <param name="source">The words to take slot values from (default: this message).</param>
    /// <param name="orderNumber">The order the dialog is about when the message points at it ("when will it arrive?").</param>
    private async Task StartAsync(Turn t, DialogDefinition dialog, CancellationToken ct, string? source = null, string? orderNumber = null)
    {
        t.Clear(dialog.Intent);
        t.Active = dialog.Intent;
        source ??= t.Text;
        // "W100008 says out for delivery but nothing came": the answer speaks to the concern, not just the status.
        if (Cues.ConcernIn(source) is { } concern) t.Update(dialog.Intent, p => p with { Concern = concern });
        SlotFiller.Prefill(t, dialog, source, orderNumber);
        if (await TryOrderByProductAsync(t, dialog, source, ct)) return;
        await AdvanceAsync(t, dialog, ct);
    }

    /// <summary>Asks for the next missing slot, or the confirmation, or completes the dialog. A guest proves the
    /// order is theirs before anything about it is said; the checks run as soon as their inputs are known, so a
    /// slot that is asked only when a check allows it ("ask_when") is never collected for nothing.</summary>
    private async Task AdvanceAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        if (!await GuestMayProceedAsync(t, dialog, ct)) return;
        t.Outputs.Clear();
        var variables = TemplateVariables.For(t, dialog, options);
        var checked_ = false;
        foreach (var slot in dialog.Slots)
        {
            if (t.Get(id, slot.Name) is not null || t.ProgressOf(id).SkippedSlots.Contains(slot.Name)) continue;
            if (slot.AskWhen is not null)
            {
                if (!checked_)
                {
                    if (!await plugins.RunAsync(t, dialog, dialog.Checks, variables, ct)) { await FailAsync(t, dialog, ct); return; }
                    checked_ = true;
                }
                if (!Condition.Parse(slot.AskWhen).Holds(variables)) continue;
            }
            t.Update(id, p => p with { Asked = DialogQuestion.Slot, AskedSlot = slot.Name });
            var prompt = await RenderAsync(t, dialog, Localised(t, slot.Prompt, slot.Translations), ct);
            replies.Say(t, prompt, slot.Suggestions.Count > 0 ? slot.Suggestions : null);
            return;
        }
        if (!checked_ && !await plugins.RunAsync(t, dialog, dialog.Checks, variables, ct)) { await FailAsync(t, dialog, ct); return; }
        if (dialog.Confirm is { } confirm && !t.ProgressOf(id).Confirmed
            && (confirm.When is null || Condition.Parse(confirm.When).Holds(variables)))
        {
            t.Update(id, p => p with { Asked = DialogQuestion.Confirmation, AskedSlot = null });
            replies.Say(t, await renderer.RenderAsync(Localised(t, confirm.Prompt, confirm.Translations), variables, ct), ["Yes", "No"]);
            return;
        }
        await CompleteAsync(t, dialog, variables, ct);
    }

    /// <summary>True when the message answers what the active dialog is waiting for.</summary>
    private async Task<bool> TryAnswerPendingAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        var progress = t.ProgressOf(id);
        if (progress.Asked == DialogQuestion.Confirmation)
        {
            switch (SlotValidators.ParseYesNo(t.Text))
            {
                case "yes":
                    t.Update(id, p => p with { Confirmed = true });
                    await AdvanceAsync(t, dialog, ct);
                    return true;
                case "no":
                    await LeaveFormAsync(t, dialog, saidNo: true, ct);
                    return true;
                default:
                    return false;
            }
        }
        if (progress.Asked == DialogQuestion.GuestProof) return await TryVerifyAsync(t, dialog, ct);
        if (AskedSlot(t, dialog) is not { } slot) return false;
        if (await TryAnswerAddressAsync(t, dialog, slot, ct) is { } address) return address;
        if (slot.Type == SlotValidators.OrderNumber && await TryOrderByProductAsync(t, dialog, t.Text, ct)) return true;
        if (SlotValidators.Recognise(slot.Type, t.Text, wholeAnswer: true) is { } value)
        {
            // A product or free-text slot takes almost any words, so a clearly different request must not be swallowed
            // as its value; nor is a bare "yes" anybody's name or street. An order number inside a clearly different
            // request ("can I cancel order W100002 and ...") belongs to that request, not to the open question.
            if (!SlotFiller.LooksLikeAnswer(slot.Type, t.Text) && IsConfidentNewIntent(t, id) is not null)
                return false;
            if (slot.Type is SlotValidators.Text or SlotValidators.Product && (Cues.ShortYesNo(t.Text) is not null || Cues.IsCourtesyOnly(t.Text)))
                return false;
            t.Set(id, slot.Name, value);
            t.Update(id, p => p with { Tries = 0 });
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        if (slot.Optional && (IsConfidentNewIntent(t, id) is null || SlotFiller.LooksLikeData(t.Text)))
        {
            t.Update(id, p => p with { SkippedSlots = [.. p.SkippedSlots, slot.Name] });
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        return false;
    }

    /// <summary>The slot the form's open question asks for; null when it asks none (a confirmation, a proof) or the
    /// definition no longer has it.</summary>
    private static SlotDefinition? AskedSlot(Turn t, DialogDefinition dialog) =>
        t.ProgressOf(dialog.Intent) is { Asked: DialogQuestion.Slot, AskedSlot: var name } ? dialog.Slots.FirstOrDefault(s => s.Name == name) : null;

    private async Task RepromptAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        var progress = t.ProgressOf(id);
        var tries = progress.Tries + 1;
        if (tries >= dialog.Escalation.MaxAttempts)
        {
            Finish(t, id);
            replies.Say(t, EngineTexts.GiveUp, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, .. EngineTexts.MainMenu.Take(3)]);
            return;
        }
        t.Update(id, p => p with { Tries = tries });
        if (progress.Asked == DialogQuestion.Confirmation)
        {
            // The question again with the facts it was asked with: the checks' results are not kept between turns.
            var variables = TemplateVariables.For(t, dialog, options);
            if (!await plugins.RunAsync(t, dialog, dialog.Checks, variables, ct)) { await FailAsync(t, dialog, ct); return; }
            var prompt = await renderer.RenderAsync(Localised(t, dialog.Confirm!.Prompt, dialog.Confirm.Translations), variables, ct);
            // Chinese sentences follow each other without a space.
            replies.Say(t, InLanguage(t, EngineTexts.ConfirmAgain) + (t.Memory.Language == Language.Chinese ? "" : " ") + prompt, ["Yes", "No"]);
            return;
        }
        if (progress.Asked == DialogQuestion.GuestProof && GuestVerification.OrderOf(t, dialog) is { } unproven)
        {
            AskProofAgain(t, dialog, unproven);
            return;
        }
        var slot = AskedSlot(t, dialog);
        if (slot is null)
        {
            // The pending slot no longer exists in this dialog's definition: ask for whatever is missing now.
            await AdvanceAsync(t, dialog, ct);
            return;
        }
        replies.Say(t, await RenderAsync(t, dialog, Localised(t, slot.Retry ?? slot.Prompt, slot.Retry is null ? slot.Translations : slot.RetryTranslations), ct),
            slot.Suggestions.Count > 0 ? slot.Suggestions : null);
        if (slot.Type == SlotValidators.OrderNumber) await HelpWithoutNumberAsync(t, ct);
    }

    /// <summary>Every slot is filled (and confirmed): run the actions, answer, end the dialog, resume a suspended one.</summary>
    private async Task CompleteAsync(Turn t, DialogDefinition dialog, Dictionary<string, string> variables, CancellationToken ct)
    {
        var id = dialog.Intent;
        if (!await plugins.RunAsync(t, dialog, dialog.Actions, variables, ct)) { await FailAsync(t, dialog, ct); return; }
        foreach (var slot in dialog.Slots.Where(s => s.Type == SlotValidators.Product))
            if (t.Get(id, slot.Name) is { } product) t.RememberSearch(product);

        var response = dialog.Responses.FirstOrDefault(r => r.When is null || Condition.Parse(r.When).Holds(variables)) ?? dialog.Responses[^1];
        var text = await renderer.RenderAsync(Localised(t, response.Text, response.Translations), variables, ct);
        replies.Say(t, text, response.Suggestions ?? (dialog.Suggestions.Count > 0 ? dialog.Suggestions : null), ReplyBuilder.Cards(t, response.Card));
        RememberSubject(t, response.Card, variables);
        foreach (var followup in dialog.Followups.Where(f => f.When is null || Condition.Parse(f.When).Holds(variables)))
            replies.Say(t, await renderer.RenderAsync(Localised(t, followup.Text, followup.Translations), variables, ct), followup.Suggestions);

        Finish(t, id);
        if (response.Handoff)
        {
            HandOff(t, id == HumanIntent ? "requested" : "escalation");
            return;
        }
        // A goodbye ends the conversation: the form it interrupted is not asked again after "Goodbye".
        if (id == Goodbye)
        {
            foreach (var suspended in t.Suspended) t.Clear(suspended);
            t.Suspended.Clear();
        }
        await ResumeAsync(t, ct);
    }

    private async Task FailAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        Finish(t, dialog.Intent);
        replies.Say(t, EngineTexts.ActionFailed, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        await ResumeAsync(t, ct);
    }

    /// <summary>After a dialog ends: go back to the one it interrupted, asking its pending question again.</summary>
    private async Task ResumeAsync(Turn t, CancellationToken ct)
    {
        if (t.Suspended.Count == 0 || t.HandedOff) return;
        var id = t.Suspended[^1];
        t.Suspended.RemoveAt(t.Suspended.Count - 1);
        var dialog = catalog.Find(id);
        if (dialog is null) { t.Clear(id); await ResumeAsync(t, ct); return; }
        t.Active = id;
        replies.Say(t, Localised(t, EngineTexts.Resume(dialog.Title.ToLowerInvariant()), EngineTexts.Zh.Resume(TitleOf(t, dialog))));
        await AdvanceAsync(t, dialog, ct);
    }

    private static void Finish(Turn t, string id)
    {
        t.Clear(id);
        if (t.Active == id) t.Active = null;
    }

    private async Task AnswerOutOfScopeAsync(Turn t, CancellationToken ct)
    {
        var request = new FreeFormRequest(t.UserId, t.ConversationId, t.Text, t.Nlu.Intent.Label, t.Nlu.Intent.Confidence,
            t.Nlu.OutOfScope, t.Nlu.Sentiment.Label, t.Transcript);
        string? answer = null;
        try { answer = await freeForm.TryAnswerAsync(request, renderer.Kernel, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The free-form responder failed; using the template answer");
        }
        if (!string.IsNullOrWhiteSpace(answer))
        {
            replies.Say(t, answer, catalog.Get(OutOfScope).Suggestions);
            return;
        }
        await StartAsync(t, catalog.Get(OutOfScope), ct);
    }

    private void Clarify(Turn t)
    {
        var options = t.Nlu.Intents
            .Where(i => i.Label != OutOfScope && catalog.Find(i.Label) is not null)
            .Take(3)
            .Select(i => "@" + i.Label)
            .ToList();
        if (options.Count == 0) options = [.. EngineTexts.MainMenu];
        replies.Say(t, Localised(t, EngineTexts.Clarify, EngineTexts.Zh.Clarify), options);
    }

    /// <summary>Marks the conversation as owned by a person; the record is queued once the turn is saved.</summary>
    private void HandOff(Turn t, string reason)
    {
        foreach (var dialog in t.Suspended.Append(t.Active).OfType<string>()) t.Clear(dialog);
        t.Active = null;
        t.Suspended.Clear();
        t.HandedOff = true;
        var lastIntent = t.RecentIntents.LastOrDefault() ?? "unknown";
        var summary = $"{reason}: last intent {lastIntent}, sentiment {t.Nlu.Sentiment.Label}, {t.Original.TurnCount + 1} turns; last message: \"{Shorten(t.Text)}\"";
        if (!t.Replies.Any(r => r.Type == ActivityTypes.Message)) replies.Say(t, Localised(t, EngineTexts.HandoffNotice, EngineTexts.Zh.HandoffNotice));
        var transcript = t.Transcript.Concat(t.Replies.Where(r => r.Type == ActivityTypes.Message).Select(r => "bot: " + r.Text)).TakeLast(options.TranscriptLines).ToList();
        t.Handoff = new HandoffRecord(t.ConversationId, t.UserId, t.Incoming.ChannelId, reason, summary, transcript, clock.GetUtcNow());
        var handoffEvent = t.Incoming.CreateReply(type: ActivityTypes.Event);
        handoffEvent.Name = "handoff";
        handoffEvent.Value = JsonSerializer.SerializeToElement(t.Handoff, HandoffJsonContext.Default.HandoffRecord);
        t.Replies.Add(handoffEvent);
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    /// <summary>The product or order a card showed becomes the subject that follow-ups refer to.</summary>
    private static void RememberSubject(Turn t, string? card, Dictionary<string, string> variables)
    {
        if (card?.Split(':', 2) is not [var kind, var output]) return;
        var id = kind switch
        {
            "products" => variables.GetValueOrDefault(output + "_data_products_first_id"),
            "product" => variables.GetValueOrDefault(output + "_data_id"),
            _ => null,
        };
        if (!string.IsNullOrEmpty(id)) t.Memory.Product = id;
        if (kind == "order" && variables.GetValueOrDefault(output + "_data_number") is { Length: > 0 } number) t.Memory.Order = number;
    }

    private Task<string> RenderAsync(Turn t, DialogDefinition dialog, string template, CancellationToken ct) =>
        renderer.RenderAsync(template, TemplateVariables.For(t, dialog, options), ct);
}
